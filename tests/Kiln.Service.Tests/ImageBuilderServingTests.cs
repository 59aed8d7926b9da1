using Kiln.Cli.Tests;

namespace Kiln.Service.Tests;

/// <summary><c>kiln serve</c> of an Image Builder exported from the served tree: the same request gives the same files.</summary>
[Collection(ServedExampleCollection.Name)]
public sealed class ImageBuilderServingTests(ServedExample served)
{
    [Fact]
    public void AnExportedImageBuilderServesTheSameImagesAsItsTree()
    {
        var builder = served.Scratch.Path("served-imagebuilder");
        var export = KilnProcess.Run(served.Scratch.Root,
            ["--topdir", served.Scratch.Top, "imagebuilder", "export", "--target", ServedExample.Target, "--kernel", ServedExample.Kernel, builder],
            TimeSpan.FromMinutes(2));
        Assert.True(export.Status == 0, export.ToString());
        using var service = ServiceProcess.Start(served.Scratch.Root, builder, "--workers", "1");
        using var client = new HttpClient { BaseAddress = service.Url, Timeout = TimeSpan.FromMinutes(3) };
        // The Image Builder holds one subtarget: the only one it offers.
        var overview = Api.Get(client, "/json/v1/overview.json");
        Assert.Equal([ServedExample.Target], overview.Body["branches"]!.AsObject().Single().Value!["targets"]!.AsObject().Select(t => t.Key));

        var request = Api.Request("-greeter", "bootcheck");
        var fromBuilder = Api.Post(client, request.DeepClone().AsObject());
        var fromTree = Api.Post(served.Client, request);
        Assert.Equal(fromTree.Hash, fromBuilder.Hash);
        Assert.Equal(200, Api.WaitDone(client, fromBuilder.Hash, TimeSpan.FromMinutes(3)).Code);
        Assert.Equal(200, Api.WaitDone(served.Client, fromTree.Hash, TimeSpan.FromMinutes(3)).Code);
        var expected = Api.DownloadChecked(served.Client, fromTree.Hash);
        var actual = Api.DownloadChecked(client, fromBuilder.Hash);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in expected) Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs");
    }
}
