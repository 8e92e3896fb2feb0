using System.Diagnostics;
using System.Globalization;
using FunctionsDownloader.Testing;

namespace FunctionsDownloader.Bench.Hosting;

/// <summary>
/// The Standalone host, built in Release, as a process of its own: the service as it runs for real,
/// and a process whose resident memory can be read from <c>/proc</c>.
/// </summary>
public sealed class StandaloneHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private StandaloneHost(Process process, Uri baseAddress, StreamWriter log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    /// <summary>Where the API listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The host's process id (the <c>dotnet</c> process runs the app itself).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the host with <paramref name="settings"/> and waits until its health route answers.</summary>
    public static async Task<StandaloneHost> StartAsync(
        IReadOnlyDictionary<string, string> settings, string logPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);

        string dll = RepositoryPaths.Combine(
            "src", "FunctionsDownloader.Standalone", "bin", "Release", "net10.0", "FunctionsDownloader.Standalone.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException(
                $"The Standalone host is not built at '{dll}'. Run bench/run.sh, which builds it in Release first.",
                dll);
        }

        int port = AzuriteServer.FreePort();
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls=" + address.AbsoluteUri.TrimEnd('/'));
        foreach ((string key, string value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new StandaloneHost(process, address, log);
        try
        {
            await host.WaitUntilHealthyAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The host exited with code {_process.ExitCode} while starting; see its log.");
            }

            try
            {
                using HttpResponseMessage health =
                    await http.GetAsync(new Uri("api/v1/health", UriKind.Relative), cancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException("The host did not become healthy in two minutes; see its log.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
