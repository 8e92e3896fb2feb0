using Azure;
using Azure.Data.Tables;
using FunctionsDownloader.Monitoring;
using FunctionsDownloader.Storage;

namespace FunctionsDownloader.Jobs;

/// <summary>
/// Reads and writes job records. Every change is a read-modify-write guarded by the record's
/// ETag, so two writers (a cancel and a completing download, say) never both win. Every job it
/// creates and every status change it writes is counted (<see cref="ServiceCounters"/>).
/// </summary>
public sealed class JobStore(ServiceTables tables, ServiceCounters counters, TimeProvider clock)
{
    private const int MaxConflictRetries = 20;

    /// <summary>Stores a new job; fails when the request id is already taken.</summary>
    public async Task CreateAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);

        TableClient table = await tables.JobsAsync(cancellationToken);
        job.UpdatedAt = clock.GetUtcNow();
        Response response = await table.AddEntityAsync(job, cancellationToken);
        job.ETag = response.Headers.ETag ?? default;
        job.StoredStatus = job.Status;
        await counters.JobCreatedAsync(job);
    }

    /// <summary>The job, or <c>null</c> when there is none with that id.</summary>
    public async Task<JobRecord?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);

        TableClient table = await tables.JobsAsync(cancellationToken);
        NullableResponse<JobRecord> response = await table.GetEntityIfExistsAsync<JobRecord>(
            requestId, JobRecord.JobRowKey, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not JobRecord job)
        {
            return null;
        }

        job.StoredStatus = job.Status;
        return job;
    }

    /// <summary>
    /// Writes <paramref name="job"/> only if nobody changed it since it was read.
    /// Returns <c>false</c> (and leaves the record as it was) when somebody did.
    /// </summary>
    public async Task<bool> TryReplaceAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);

        TableClient table = await tables.JobsAsync(cancellationToken);
        job.UpdatedAt = clock.GetUtcNow();
        if (!await ConcurrentUpdate.TryReplaceAsync(table, job, cancellationToken))
        {
            return false;
        }

        // A record that was not read through this store has no stored status to compare with.
        string? before = job.StoredStatus;
        job.StoredStatus = job.Status;
        if (before is not null && before != job.Status)
        {
            await counters.JobChangedAsync(before, job);
        }

        return true;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current record and writes it, re-reading and
    /// re-applying when another writer got there first. <paramref name="change"/> returns
    /// <c>false</c> to leave the record as it is (for example because it has finished).
    /// </summary>
    /// <returns>The record as stored, and whether this call changed it; <c>null</c> when there is no such job.</returns>
    public async Task<JobChange?> UpdateAsync(
        string requestId,
        Func<JobRecord, bool> change,
        CancellationToken cancellationToken)
    {
        (JobRecord Job, bool Applied)? result = await ConcurrentUpdate.ApplyAsync(
            () => GetAsync(requestId, cancellationToken),
            job => TryReplaceAsync(job, cancellationToken),
            change,
            MaxConflictRetries,
            $"Job '{requestId}'");
        return result is { } stored ? new JobChange(stored.Job, stored.Applied) : null;
    }
}
