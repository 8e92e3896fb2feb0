using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FunctionsDownloader.Testing;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>The Standalone host as a separate process, so that a test can kill it with SIGKILL.</summary>
public sealed class StandaloneProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private StandaloneProcess(Process process, Uri baseAddress, ConcurrentQueue<string> output)
    {
        _process = process;
        BaseAddress = baseAddress;
        _output = output;
    }

    /// <summary>Where the host listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The lines the host wrote to standard output so far (all of them once it is disposed).</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts the built host with <paramref name="settings"/> on <paramref name="port"/> and waits until it answers.</summary>
    public static async Task<StandaloneProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, int port)
    {
        string dll = RepositoryPaths.Combine(
            "src", "FunctionsDownloader.Standalone", "bin", BuildOutput.Configuration, "net10.0", "FunctionsDownloader.Standalone.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach ((string key, string? value) in settings.Where(s => s.Key != "urls"))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        start.ArgumentList.Add($"--urls={address.AbsoluteUri.TrimEnd('/')}");
        Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
            {
                output.Enqueue(data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new StandaloneProcess(process, address, output);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        for (int i = 0; i < 240; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode} while starting.");
            }

            try
            {
                using HttpResponseMessage health = await http.GetAsync("/api/v1/health");
                if (health.IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        await host.DisposeAsync();
        throw new TimeoutException("The host did not become healthy in a minute.");
    }

    /// <summary>SIGKILL: no shutdown, no flush, like a crashed machine.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (Process term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
