using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kiln.Service.Tests;

/// <summary>
/// The page at / driven as a person uses it, in Debian's chromium (Playwright over the system browser, headless):
/// find the device, fix the package list with the solver's help, have the image built and download it.
/// </summary>
[Collection(ServedExampleCollection.Name)]
public sealed class WebPageTests(ServedExample served)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task APersonFindsTheDeviceFixesThePackageListHasTheImageBuiltAndDownloadsItWithTheShownSha256()
    {
        await using var session = await BrowserSession.Start();
        var page = session.Page;
        await page.GotoAsync($"{Address}/");

        // The search matches every word, in any case, over the titles; the device opens with its prebuilt images.
        await page.GetByLabel("Device", new() { Exact = true }).PressSequentiallyAsync("endian LITTLE");
        var results = page.Locator("#results button.result");
        await Expect(results).ToHaveCountAsync(1);
        await Expect(results).ToContainTextAsync(ServedExample.Target);
        await results.ClickAsync();
        await Expect(page.Locator("#device-title")).ToHaveTextAsync("Little Endian");
        var profiles = JsonNode.Parse(File.ReadAllText(served.Scratch.Path($"tree/bin/targets/{ServedExample.Target}/profiles.json")))!;
        var prebuilt = profiles["profiles"]!["generic"]!["images"]!.AsArray();
        var listed = page.Locator("#images li");
        await Expect(listed).ToHaveCountAsync(prebuilt.Count);
        foreach (var image in prebuilt)
        {
            var item = listed.Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = image!["name"]!.GetValue<string>(), Exact = true }) });
            await Expect(item.Locator(".sha256")).ToHaveTextAsync(image["sha256"]!.GetValue<string>());
        }

        // The list starts as the target's default packages, which resolve.
        var packages = page.GetByLabel("Installed packages");
        var status = page.Locator("#packages-status");
        var build = page.GetByRole(AriaRole.Button, new() { Name = "Request build" });
        var defaults = profiles["default_packages"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Equal(defaults, (await packages.InputValueAsync()).Split(' '));
        await Expect(status).ToHaveClassAsync(new Regex(@"\bvalid\b"));

        // A package that does not exist: the solver's explanation shows inline and the build cannot be requested.
        var wanted = defaults.Where(p => p != "greeter").ToList();
        await packages.FillAsync(string.Join(' ', [.. wanted, "no-such-package"]));
        await Expect(status).ToHaveClassAsync(new Regex(@"\binvalid\b"));
        await Expect(status).ToContainTextAsync("no-such-package");
        await Expect(packages).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(build).ToBeDisabledAsync();

        // Fixed: the explanation goes, the page tells how many packages the solver installs.
        await packages.FillAsync(string.Join(' ', wanted));
        await Expect(status).ToHaveClassAsync(new Regex(@"\bvalid\b"));
        await Expect(status).Not.ToContainTextAsync("no-such-package");
        await Expect(build).ToBeEnabledAsync();
        var version = await page.GetByLabel("Version").InputValueAsync();
        var resolved = await Resolve(version, wanted);
        await Expect(status).ToContainTextAsync($"{resolved["packages"]!.AsArray().Count} packages will be installed");

        // The build, watched until its images are listed.
        await build.ClickAsync();
        await page.Locator("#build-result:not([hidden]), #build-error:not([hidden])")
            .WaitForAsync(new() { Timeout = (float)BuildLimit.TotalMilliseconds });
        Assert.True(await page.Locator("#build-error").IsHiddenAsync(), await page.Locator("#build-error").InnerTextAsync());
        var manifest = await page.Locator("#manifest li span:first-child").AllTextContentsAsync();
        Assert.Contains("bootcheck", manifest);
        Assert.DoesNotContain("greeter", manifest);

        // The first image, downloaded through the page's link: its sha256 is the one shown and the one in sha256sums.
        var first = page.Locator("#build-images li").First;
        var download = await page.RunAndWaitForDownloadAsync(() => first.GetByRole(AriaRole.Link).ClickAsync());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync((await download.PathAsync())!)));
        Assert.Equal(await first.Locator(".sha256").InnerTextAsync(), sha256);
        var sums = await served.Client.GetStringAsync(await page.Locator("#build-sums").GetAttributeAsync("href"));
        Assert.Equal(sha256, SumsByName(sums)[download.SuggestedFilename]);

        // Everything the page loaded came from the service.
        Assert.NotEmpty(session.Requests);
        Assert.All(session.Requests, url => Assert.StartsWith($"{Address}/", url));
    }

    [Fact]
    public async Task TheDeviceIsFoundWithTheKeyboardAlone()
    {
        await using var session = await BrowserSession.Start();
        var page = session.Page;
        await page.GotoAsync($"{Address}/");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Device", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("little");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#results button.result").First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#device-title")).ToHaveTextAsync("Little Endian");
        // The address now names the device: opened again, it shows the same one.
        await page.ReloadAsync();
        await Expect(page.Locator("#device-title")).ToHaveTextAsync("Little Endian");
        await Expect(page.Locator("#device-target")).ToHaveTextAsync(ServedExample.Target);
    }

    [Fact]
    public async Task ABuildTheImageStageRefusesShowsTheServicesExplanationAndLogAndAllowsAnotherRequest()
    {
        await using var session = await BrowserSession.Start();
        var page = session.Page;
        await page.GotoAsync($"{Address}/?target={ServedExample.Target}&id=generic");
        await Expect(page.Locator("#device-title")).ToHaveTextAsync("Little Endian");
        await Expect(page.Locator("#packages-status")).ToHaveClassAsync(new Regex(@"\bvalid\b"));

        // A root partition of 1 MB is a valid request (within the server's limit) that no image of these packages fits.
        await page.GetByLabel("Root file system size in MB").FillAsync("1");
        await Expect(page.Locator("#packages-status")).ToHaveClassAsync(new Regex(@"\bvalid\b"));
        var build = page.GetByRole(AriaRole.Button, new() { Name = "Request build" });
        await build.ClickAsync();
        var error = page.Locator("#build-error");
        await error.WaitForAsync(new() { Timeout = (float)BuildLimit.TotalMilliseconds });
        await Expect(error).ToContainTextAsync("does not fit");
        await Expect(page.Locator("#build-result")).ToBeHiddenAsync();
        await Expect(page.Locator("#build-stderr-box")).ToBeVisibleAsync();
        await Expect(page.Locator("#build-stderr")).ToContainTextAsync("does not fit");
        await Expect(build).ToBeEnabledAsync();
    }

    /// <summary>The service's base address, http://127.0.0.1:PORT.</summary>
    private string Address => served.Service.Url.GetLeftPart(UriPartial.Authority);

    private async Task<JsonNode> Resolve(string version, IReadOnlyList<string> packages)
    {
        var request = JsonSerializer.Serialize(new
        {
            version,
            target = ServedExample.Target,
            profile = "generic",
            packages,
            diff_packages = true,
        });
        using var response = await served.Client.PostAsync("/api/v1/packages", new StringContent(request, Encoding.UTF8, "application/json"));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>sha256sums' lines, "SHA256 *NAME", by name.</summary>
    private static Dictionary<string, string> SumsByName(string sums) =>
        sums.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(parts => parts[1].TrimStart('*'), parts => parts[0]);

    /// <summary>Debian's chromium, headless, with one page whose requests are recorded.</summary>
    private sealed class BrowserSession : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;

        private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
        {
            _playwright = playwright;
            _browser = browser;
            Page = page;
            page.Request += (_, request) => Requests.Enqueue(request.Url);
        }

        public IPage Page { get; }

        public ConcurrentQueue<string> Requests { get; } = new();

        public static async Task<BrowserSession> Start()
        {
            var playwright = await Playwright.CreateAsync();
            // As root (tests and CI run so) chromium's sandbox cannot start.
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
            var context = await browser.NewContextAsync(new() { AcceptDownloads = true });
            return new BrowserSession(playwright, browser, await context.NewPageAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.CloseAsync();
            _playwright.Dispose();
        }
    }
}
