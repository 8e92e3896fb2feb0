using FunctionsDownloader.Jobs;
using FunctionsDownloader.Playlists;
using FunctionsDownloader.Storage;

namespace FunctionsDownloader.Batches;

/// <summary>
/// Builds <see cref="BatchStatusResponse"/> from a batch record and its jobs, with fresh SAS links for the
/// completed files and the archive (links are never stored; each expires at its file's deletion time).
/// </summary>
public sealed class BatchResponses(BatchJobs batchJobs, ISasLinkIssuer links)
{
    /// <summary>The response for <paramref name="batch"/>.</summary>
    public async Task<BatchStatusResponse> CreateAsync(BatchRecord batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);

        IReadOnlyList<JobRecord> jobs = await batchJobs.ReadAsync(batch, cancellationToken);
        var entries = new List<BatchJobEntry>(jobs.Count);
        foreach (JobRecord job in jobs)
        {
            entries.Add(await EntryAsync(job, cancellationToken));
        }

        BatchCounts counts = BatchCounts.Of(jobs);
        string? archiveUrl = null;
        if (batch.ArchiveStatus == ArchiveStatus.Completed && batch.ArchivePath is { } path &&
            batch.ArchiveDeletionTime is { } archiveDeletion)
        {
            archiveUrl = (await links.IssueReadLinkAsync(path, archiveDeletion, cancellationToken)).AbsoluteUri;
        }

        return new BatchStatusResponse
        {
            BatchId = batch.BatchId,
            Kind = batch.Kind,
            Status = batch.Status,
            CreatedAt = batch.CreatedAt,
            UpdatedAt = jobs.Select(j => j.UpdatedAt).Append(batch.UpdatedAt).Max(),
            CompletedAt = batch.CompletedAt,
            SourceUrl = batch.SourceUrl,
            Title = batch.Title,
            TotalUrls = jobs.Count,
            Queued = counts.Queued,
            Running = counts.Running,
            Completed = counts.Completed,
            Failed = counts.Failed,
            Cancelled = counts.Cancelled,
            ProgressPercent = jobs.Count == 0
                ? batch.IsFinished ? 100 : 0
                : Math.Round(jobs.Average(j => JobStatus.IsFinished(j.Status) ? 100 : j.ProgressPercent), 1),
            Jobs = entries,
            Error = batch.Error,
            ErrorCode = batch.ErrorCode,
            ArchiveStatus = batch.ArchiveStatus,
            ArchiveUrl = archiveUrl,
            ArchiveSize = archiveUrl is null ? null : batch.ArchiveSize,
            ArchiveDeletionTime = archiveUrl is null ? null : batch.ArchiveDeletionTime,
        };
    }

    private async Task<BatchJobEntry> EntryAsync(JobRecord job, CancellationToken cancellationToken)
    {
        string? fileUrl = null;
        if (job.Status == JobStatus.Completed && job.FilePath is { } path && job.DeletionTime is { } deletion)
        {
            fileUrl = (await links.IssueReadLinkAsync(path, deletion, cancellationToken)).AbsoluteUri;
        }

        return new BatchJobEntry
        {
            Url = EntryUrls.Display(job.Url),
            RequestId = job.RequestId,
            Status = job.Status,
            Title = job.Title,
            Error = job.Error,
            ErrorCode = job.ErrorCode,
            FileUrl = fileUrl,
            PlaylistIndex = job.PlaylistIndex,
        };
    }
}
