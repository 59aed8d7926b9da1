using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kiln.Build.Tests.Cache;

/// <summary>
/// Debian's nginx serving a Bazel HTTP remote cache through its WebDAV module, run by the test as
/// the current user from a configuration in a temporary directory, on a free loopback port.
/// <c>/</c> is the cache (optionally behind basic auth), <c>/bearer/</c> the cache behind a bearer
/// token, <c>/broken/</c> a server that fails with 503.
/// </summary>
internal sealed class NginxCacheServer : IDisposable
{
    public const string Token = "kiln-test-token";

    private readonly string _directory = Directory.CreateTempSubdirectory("kiln-cache-nginx-").FullName;
    private Process? _process;

    public int Port { get; }

    /// <summary>The directory nginx serves: a cache entry at URL path P is the file Root/P.</summary>
    public string Root => Path.Combine(_directory, "root");

    public Uri Url(string prefix = "") => new($"http://127.0.0.1:{Port}/{prefix}");

    /// <param name="basicAuth">A user and password the server requires, written to an htpasswd file with openssl.</param>
    public NginxCacheServer((string User, string Password)? basicAuth = null)
    {
        Directory.CreateDirectory(Root);
        Port = FreePort();
        var auth = "";
        if (basicAuth is { } credentials)
        {
            var hash = Run("openssl", "passwd", "-apr1", credentials.Password).Trim();
            File.WriteAllText(Path.Combine(_directory, "htpasswd"), $"{credentials.User}:{hash}\n");
            auth = $"auth_basic \"kiln cache\"; auth_basic_user_file {_directory}/htpasswd;";
        }
        File.WriteAllText(Path.Combine(_directory, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            pid {{_directory}}/nginx.pid;
            error_log {{_directory}}/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                default_type application/octet-stream;
                client_body_temp_path {{_directory}}/body;
                proxy_temp_path {{_directory}}/proxy;
                fastcgi_temp_path {{_directory}}/fastcgi;
                uwsgi_temp_path {{_directory}}/uwsgi;
                scgi_temp_path {{_directory}}/scgi;
                server {
                    listen 127.0.0.1:{{Port}};
                    location / {
                        root {{Root}};
                        dav_methods PUT;
                        create_full_put_path on;
                        client_max_body_size 0;
                        {{auth}}
                    }
                    location /bearer/ {
                        if ($http_authorization != "Bearer {{Token}}") { return 401; }
                        root {{Root}};
                        dav_methods PUT;
                        create_full_put_path on;
                        client_max_body_size 0;
                    }
                    location /broken/ { return 503; }
                }
            }
            """);
        Start();
    }

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo("nginx", ["-p", _directory, "-c", Path.Combine(_directory, "nginx.conf"), "-e", Path.Combine(_directory, "error.log")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10) && !_process.HasExited)
            {
                Thread.Sleep(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"nginx did not start: {File.ReadAllText(Path.Combine(_directory, "error.log"))}");
            }
        }
    }

    public void Stop()
    {
        if (_process is null) return;
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} failed ({process.ExitCode})");
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(_directory, recursive: true);
    }
}
