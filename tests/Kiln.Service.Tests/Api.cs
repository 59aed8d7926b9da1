using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Kiln.Service.Tests;

/// <summary>One answer of the service: its status, JSON body and headers.</summary>
public sealed record Answer(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)
{
    public int Code => (int)Status;

    public string Detail => Body["detail"]?.ToString() ?? "";

    public string Hash => Body["request_hash"]!.GetValue<string>();

    public override string ToString() => $"{Code} {Body.ToJsonString()}";
}

/// <summary>ASU's client side, as the LuCI app and auc use it: post a request, poll its hash until it is done.</summary>
public static class Api
{
    public static JsonObject Request(params string[] packages) => new()
    {
        ["version"] = "SNAPSHOT",
        ["target"] = ServedExample.Target,
        ["profile"] = "generic",
        ["packages"] = new JsonArray([.. packages.Select(p => (JsonNode)JsonValue.Create(p))]),
    };

    public static Answer Post(HttpClient client, JsonObject body, string route = "/api/v1/build") =>
        PostText(client, body.ToJsonString(), route);

    public static Answer PostText(HttpClient client, string body, string route = "/api/v1/build")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return Read(client.PostAsync(route, content).GetAwaiter().GetResult());
    }

    public static Answer Get(HttpClient client, string route) => Read(client.GetAsync(route).GetAwaiter().GetResult());

    private static Answer Read(HttpResponseMessage response)
    {
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        var body = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["array"] = JsonNode.Parse(text) };
        return new Answer(response.StatusCode, body, response);
    }

    /// <summary>Polls the build until it is no longer queued or running (202).</summary>
    public static Answer WaitDone(HttpClient client, string hash, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = Get(client, "/api/v1/build/" + hash);
            if (answer.Code != 202) return answer;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"build {hash} still not done after {timeout.TotalSeconds:0} s: {answer}");
            Thread.Sleep(200);
        }
    }

    public static byte[] Download(HttpClient client, string route)
    {
        using var response = client.GetAsync(route).GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"GET {route}: {(int)response.StatusCode}");
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
    }

    /// <summary>Downloads every file sha256sums names under /store/HASH/ and checks each against it; returns the files and their bytes.</summary>
    public static Dictionary<string, byte[]> DownloadChecked(HttpClient client, string hash)
    {
        var sums = Encoding.UTF8.GetString(Download(client, $"/store/{hash}/sha256sums"));
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var line in sums.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (sum, name) = (line[..64], line[66..]);
            var bytes = Download(client, $"/store/{hash}/{name}");
            Assert.True(Convert.ToHexStringLower(SHA256.HashData(bytes)) == sum, $"{name}: its sha256 is not the one sha256sums gives");
            files[name] = bytes;
        }
        Assert.NotEmpty(files);
        return files;
    }
}
