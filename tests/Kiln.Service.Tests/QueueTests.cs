using System.Text.Json.Nodes;

namespace Kiln.Service.Tests;

/// <summary>A second service of the built example with one worker and a queue of one: the queue fills, and a stop leaves nothing half-written.</summary>
[Collection(ServedExampleCollection.Name)]
public sealed class QueueTests(ServedExample served)
{
    [Fact]
    public void AFullQueueIsA429WithItsLengthAndAStopCancelsTheBuildsLeavingNoPartialStoreEntry()
    {
        var store = served.Scratch.Path("queue-store");
        using var service = ServiceProcess.Start(served.Scratch.Root, served.Scratch.Top,
            "--workers", "1", "--queue", "1", "--store", store, "--shutdown-grace", "0", "--kernel", ServedExample.Kernel);
        using var client = new HttpClient { BaseAddress = service.Url };
        JsonObject Sized(int megabytes)
        {
            var request = Api.Request("greeter");
            request["rootfs_size_mb"] = megabytes;
            return request;
        }

        var running = Api.Post(client, Sized(81));
        Assert.True(running.Code == 202, running.ToString());
        // The one worker takes it: then the next waits in the queue, at its head.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Api.Get(client, "/api/v1/build/" + running.Hash).Detail == "queued" && DateTime.UtcNow < deadline) Thread.Sleep(50);
        var queued = Api.Post(client, Sized(82));
        Assert.True(queued.Code == 202, queued.ToString());
        Assert.Equal("queued", queued.Detail);
        Assert.Equal(0, queued.Body["queue_position"]!.GetValue<int>());
        Assert.Equal("queued", queued.Response.Headers.GetValues("X-Imagebuilder-Status").Single());

        var refused = Api.Post(client, Sized(83));
        Assert.True(refused.Code == 429, refused.ToString());
        Assert.Equal(429, refused.Body["status"]!.GetValue<int>());
        Assert.Equal(1, refused.Body["queue_length"]!.GetValue<int>());
        Assert.Contains("queue contains too many build requests: 1", refused.Detail);
        Assert.Equal(1, Api.Get(client, "/api/v1/stats").Body["queue_length"]!.GetValue<int>());
        // A request already queued is no new build: it is answered, not refused.
        Assert.Equal(202, Api.Post(client, Sized(82)).Code);

        Assert.Equal(0, service.Stop(TimeSpan.FromSeconds(60)));
        Assert.Contains("kiln serve: ", service.Log);
        Assert.Contains("stopped", service.Log);
        // Whatever was running is either a whole entry or none; nothing queued was built; no work tree is left.
        var entries = Directory.GetFileSystemEntries(store).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.DoesNotContain(queued.Hash, entries);
        Assert.DoesNotContain(entries, e => e!.StartsWith(".tmp-", StringComparison.Ordinal) && e != ".tmp-work");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store, ".tmp-work")));
        if (entries.Contains(running.Hash))
        {
            Assert.True(File.Exists(Path.Combine(store, running.Hash, ".result.json")));
            Assert.True(File.Exists(Path.Combine(store, running.Hash, "sha256sums")));
        }
    }
}
