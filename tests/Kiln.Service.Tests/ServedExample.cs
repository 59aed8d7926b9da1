using Kiln.Cli.Tests;

namespace Kiln.Service.Tests;

/// <summary>
/// The example tree built once for Malta (<c>kiln build --target malta/le --kernel K</c>, Debian's kernel as
/// scripts/fetch-kernels leaves it) and one <c>kiln serve</c> of it with two workers, shared by the service tests.
/// </summary>
public sealed class ServedExample : IDisposable
{
    public const string Target = "malta/le";

    public ServedExample()
    {
        Scratch = new Scratch(withTree: true);
        var build = KilnProcess.Run(Scratch.Root, ["--topdir", Scratch.Top, "build", "--target", Target, "--kernel", Kernel], TimeSpan.FromMinutes(8));
        if (build.Status != 0) throw new InvalidOperationException("building the example failed:\n" + build);
        Service = ServiceProcess.Start(Scratch.Root, Scratch.Top, "--workers", "2", "--kernel", Kernel);
        Client = new HttpClient { BaseAddress = Service.Url, Timeout = TimeSpan.FromMinutes(3) };
    }

    public Scratch Scratch { get; }

    public ServiceProcess Service { get; }

    public HttpClient Client { get; }

    /// <summary>Where the service keeps its results (its default store).</summary>
    public string Store => Scratch.Path("tree/tmp/kiln/store");

    public static string Kernel => Path.Combine(Environment.GetEnvironmentVariable("KILN_KERNELS")
        ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".cache"),
            "kiln", "kernels"), "malta-le", "vmlinux");

    public void Dispose()
    {
        Client.Dispose();
        Service.Dispose();
        Scratch.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ServedExampleCollection : ICollectionFixture<ServedExample>
{
    public const string Name = "served example";
}
