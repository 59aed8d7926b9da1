using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Kiln.Service.Tests;

/// <summary>Builds over HTTP against a real <c>kiln serve</c> of the built example tree, as ASU's clients make them.</summary>
[Collection(ServedExampleCollection.Name)]
public sealed class BuildTests(ServedExample served)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);

    private HttpClient Client => served.Client;

    [Fact]
    public void ABuildIsAcceptedThenDoneAndEveryImageDownloadsWithTheSha256ItsSumsGive()
    {
        var posted = Api.Post(Client, Api.Request("greeter", "libgreet1"));
        Assert.True(posted.Code == 202, posted.ToString());
        Assert.Contains(posted.Detail, new[] { "queued", "started" });
        Assert.Equal(posted.Body["imagebuilder_status"]!.ToString(), Header(posted, "X-Imagebuilder-Status"));
        Assert.Equal("0", Header(posted, "X-Queue-Position"));

        var done = Api.WaitDone(Client, posted.Hash, BuildTimeout);
        Assert.True(done.Code == 200, done.ToString());
        Assert.Equal(200, done.Body["status"]!.GetValue<int>());
        Assert.Equal("done", done.Detail);
        Assert.Equal(posted.Hash, done.Body["bin_dir"]!.ToString());
        Assert.Equal("generic", done.Body["id"]!.ToString());
        Assert.Equal("done", Header(done, "X-Imagebuilder-Status"));
        var manifest = done.Body["manifest"]!.AsObject();
        foreach (var package in new[] { "base-files", "greeter", "libgreet1", "libc" }) Assert.True(manifest.ContainsKey(package), done.ToString());

        var files = Api.DownloadChecked(Client, posted.Hash);
        var images = done.Body["images"]!.AsArray();
        Assert.NotEmpty(images);
        foreach (var image in images)
        {
            var name = image!["name"]!.ToString();
            Assert.True(files.ContainsKey(name), $"{name} is in the answer's images but not in sha256sums");
            Assert.Equal(image["sha256"]!.ToString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(files[name])));
        }
        // The work tree is gone once the job ended.
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.Combine(served.Store, ".tmp-work")), e => e.Contains(posted.Hash[..12]));
    }

    [Fact]
    public async Task ARepeatedRequestIsAnsweredFromTheStoreWithoutBuildingAgainAndItsImagesAreTheBuildsOwn()
    {
        // The target's default packages only: the images kiln build made of the tree are the reference.
        var first = Api.Post(Client, Api.Request());
        var done = first.Code == 200 ? first : Api.WaitDone(Client, first.Hash, BuildTimeout);
        Assert.True(done.Code == 200, done.ToString());
        var entry = Path.Combine(served.Store, first.Hash);
        var written = Directory.GetFiles(entry).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var again = Api.Post(Client, Api.Request());
        Assert.True(again.Code == 200, again.ToString());
        Assert.Equal(first.Hash, again.Hash);
        Assert.Equal(done.Body["images"]!.ToJsonString(), again.Body["images"]!.ToJsonString());
        using (var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/build/" + first.Hash)))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal("done", head.Headers.GetValues("X-Imagebuilder-Status").Single());
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(written, Directory.GetFiles(entry).ToDictionary(f => f, File.GetLastWriteTimeUtc));
        var log = served.Service.Log;
        Assert.Single(log.Split('\n'), l => l.Contains($"build {first.Hash[..12]}: started", StringComparison.Ordinal));
        Assert.Contains($"build {first.Hash[..12]}: served from the store", log);

        var built = Path.Combine(served.Scratch.Top, "bin", "targets", ServedExample.Target);
        var compared = 0;
        foreach (var (name, bytes) in Api.DownloadChecked(Client, first.Hash))
        {
            if (name is "profiles.json" || !File.Exists(Path.Combine(built, name))) continue;
            Assert.True(File.ReadAllBytes(Path.Combine(built, name)).AsSpan().SequenceEqual(bytes), $"{name} differs from kiln build's");
            compared++;
        }
        Assert.True(compared >= 5, $"only {compared} files to compare with kiln build's");
    }

    [Fact]
    public void TheFirstBootScriptLandsInTheImageAsUciDefaultsAndIsNeverRunOnTheHost()
    {
        var marker = Path.Combine(Path.GetTempPath(), "kiln-serve-test-" + Guid.NewGuid().ToString("N"));
        var script = $"#!/bin/sh\ntouch {marker}\nuci set system.@system[0].hostname='kiln'\nexit 0\n";
        var request = Api.Request("greeter");
        request["defaults"] = script;
        var posted = Api.Post(Client, request);
        var done = Api.WaitDone(Client, posted.Hash, BuildTimeout);
        Assert.True(done.Code == 200, done.ToString());

        var files = Api.DownloadChecked(Client, posted.Hash);
        var tarball = files.Single(f => f.Key.EndsWith("-rootfs.tar.gz", StringComparison.Ordinal)).Value;
        using var tar = new TarReader(new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress));
        string? found = null;
        while (tar.GetNextEntry() is { } entry)
            if (entry.Name.TrimStart('.', '/') == "etc/uci-defaults/99-asu-defaults")
            {
                using var reader = new StreamReader(entry.DataStream!, Encoding.UTF8);
                found = reader.ReadToEnd();
            }
        Assert.Equal(script, found);
        Assert.False(File.Exists(marker), "the first-boot script ran on the host");
    }

    [Fact]
    public void ThePackagesRouteResolvesWithoutBuilding()
    {
        var resolved = Api.Post(Client, Api.Request("greeter"), "/api/v1/packages");
        Assert.True(resolved.Code == 200, resolved.ToString());
        var packages = resolved.Body["packages"]!.AsArray().ToDictionary(p => p!["name"]!.ToString(), p => p!);
        Assert.True(packages["greeter"]["requested"]!.GetValue<bool>());
        Assert.False(packages["libgreet1"]["requested"]!.GetValue<bool>());
        Assert.Contains("greeter", packages["libgreet1"]["reason"]!.ToString());
        var unknown = Api.Post(Client, Api.Request("no-such-package"), "/api/v1/packages");
        Assert.Equal(400, unknown.Code);
        Assert.Contains("no-such-package", unknown.Detail);
    }

    [Fact]
    public async Task FiftyConcurrentRequestsOfFivePackageSetsWithTwoWorkersAllEndWithTheirOwnImages()
    {
        // rootfs_size_mb makes these sets this test's own: each is really built.
        (string[] Packages, Func<JsonObject, bool> Holds)[] sets =
        [
            ([], m => m.ContainsKey("bootcheck") && m.ContainsKey("greeter")),
            (["-bootcheck"], m => !m.ContainsKey("bootcheck") && m.ContainsKey("greeter")),
            (["-greeter"], m => !m.ContainsKey("greeter") && m.ContainsKey("bootcheck")),
            (["libgreet1", "-greeter"], m => !m.ContainsKey("greeter") && m.ContainsKey("libgreet1")),
            (["-bootcheck", "-greeter"], m => !m.ContainsKey("greeter") && !m.ContainsKey("bootcheck") && m.ContainsKey("base-files")),
        ];
        var posts = Enumerable.Range(0, 50).Select(i => Task.Run(() =>
        {
            var request = Api.Request(sets[i % sets.Length].Packages);
            request["rootfs_size_mb"] = 72;
            return (Set: i % sets.Length, Answer: Api.Post(Client, request));
        })).ToArray();
        var answers = (await Task.WhenAll(posts)).ToList();
        foreach (var (_, answer) in answers) Assert.True(answer.Code is 200 or 202, answer.ToString());
        var hashes = answers.GroupBy(a => a.Set).ToDictionary(g => g.Key, g => g.Select(a => a.Answer.Hash).Distinct().Single());
        Assert.Equal(sets.Length, hashes.Values.Distinct().Count());

        foreach (var (set, hash) in hashes)
        {
            var done = Api.WaitDone(Client, hash, BuildTimeout);
            Assert.True(done.Code == 200, done.ToString());
            Assert.True(sets[set].Holds(done.Body["manifest"]!.AsObject()), $"{string.Join(' ', sets[set].Packages)}: {done.Body["manifest"]}");
            Api.DownloadChecked(Client, hash);
            // One build per request hash, however many asked for it.
            Assert.Single(served.Service.Log.Split('\n'), l => l.Contains($"build {hash[..12]}: started", StringComparison.Ordinal));
        }
        // The answers of all fifty, asked again, are the finished builds.
        foreach (var (_, answer) in answers) Assert.Equal(200, Api.Get(Client, "/api/v1/build/" + answer.Hash).Code);
    }

    private static string Header(Answer answer, string name) => answer.Response.Headers.GetValues(name).Single();
}
