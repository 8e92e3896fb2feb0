using FunctionsDownloader.Batches;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Telemetry;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Monitoring;

/// <summary>
/// Counts what happens to jobs, batches and requests, in the stored counters (<see cref="CounterStore"/>) and
/// in this process's OpenTelemetry instruments. Best effort by design: a counter that cannot be
/// written is logged and skipped, and never fails the job or the request it counts.
/// </summary>
public sealed class ServiceCounters(CounterStore store, ServiceInstruments instruments, ILogger<ServiceCounters> logger)
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Counts a job that was just stored.</summary>
    public Task JobCreatedAsync(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        instruments.JobCreated();
        return AddQuietlyAsync(CounterChanges.Created(job));
    }

    /// <summary>Counts a job's change from <paramref name="before"/> to the stored <paramref name="job"/>.</summary>
    public Task JobChangedAsync(string before, JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        instruments.JobChanged(before, job);
        return AddQuietlyAsync(CounterChanges.Changed(before, job));
    }

    /// <summary>Counts a batch that was just stored.</summary>
    public Task BatchCreatedAsync(BatchRecord batch) => AddQuietlyAsync(CounterChanges.BatchCreated(batch));

    /// <summary>Counts a batch's change from <paramref name="before"/> to <paramref name="batch"/>.</summary>
    public Task BatchChangedAsync(string before, BatchRecord batch) =>
        AddQuietlyAsync(CounterChanges.BatchChanged(before, batch));

    /// <summary>Counts a request of <paramref name="category"/> refused with 429.</summary>
    public Task RateLimitedAsync(string category)
    {
        instruments.RateLimited(category);
        return AddQuietlyAsync(CounterChanges.RateLimited(category));
    }

    private async Task AddQuietlyAsync(Dictionary<string, long> deltas)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        // Not the caller's token: what is counted has happened, whether or not the caller still waits.
        using var timeout = new CancellationTokenSource(WriteTimeout);
        try
        {
            await store.AddAsync(deltas, timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(
                e,
                "Could not update the counters {Counters}; the metrics miss this change",
                string.Join(", ", deltas.Keys));
        }
    }
}
