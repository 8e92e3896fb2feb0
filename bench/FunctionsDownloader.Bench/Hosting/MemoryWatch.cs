using System.Globalization;

namespace FunctionsDownloader.Bench.Hosting;

/// <summary>
/// The peak resident memory of one process over a stretch of time: the kernel's high-water mark
/// (<c>VmHWM</c>, reset at the start by writing 5 to <c>clear_refs</c>) and, as a check that does
/// not depend on that reset, <c>VmRSS</c> sampled every 50 ms. The larger of the two is the peak.
/// </summary>
public sealed class MemoryWatch : IAsyncDisposable
{
    private readonly int _processId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _sampledPeakKib;

    private MemoryWatch(int processId)
    {
        _processId = processId;
        _sampling = Task.Run(SampleAsync);
    }

    /// <summary>The peak in MiB so far.</summary>
    public double PeakMiB => Math.Max(Interlocked.Read(ref _sampledPeakKib), ReadKib("VmHWM") ?? 0) / 1024.0;

    /// <summary>Resets the process's high-water mark and starts sampling.</summary>
    public static MemoryWatch Start(int processId)
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the reset the high-water mark covers the process's whole life; the samples still count.
        }

        return new MemoryWatch(processId);
    }

    /// <summary>The process's resident memory now, in MiB.</summary>
    public static double CurrentMiB(int processId) => (ReadKib(processId, "VmRSS") ?? 0) / 1024.0;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampling;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (ReadKib("VmRSS") is long rss && rss > Interlocked.Read(ref _sampledPeakKib))
            {
                Interlocked.Exchange(ref _sampledPeakKib, rss);
            }

            await Task.Delay(50, _stop.Token);
        }
    }

    private long? ReadKib(string field) => ReadKib(_processId, field);

    // /proc/<pid>/status lines read "VmRSS:\t  123456 kB".
    private static long? ReadKib(int processId, string field)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    string number = line[(field.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }

        return null;
    }
}
