using FunctionsDownloader.Jobs;
using FunctionsDownloader.Storage;
using Microsoft.AspNetCore.Http;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// Builds the contract's <see cref="DownloadResponse"/> from a job record, issuing a fresh SAS link
/// for completed jobs (links are never stored; each one expires at the job's deletion time).
/// </summary>
public sealed class DownloadResponses(ISasLinkIssuer links)
{
    /// <summary>The response for <paramref name="job"/>; <paramref name="pathBase"/> prefixes <c>logs_url</c>.</summary>
    public async Task<DownloadResponse> CreateAsync(JobRecord job, PathString pathBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);

        bool completed = job.Status == JobStatus.Completed;
        string? fileUrl = null;
        if (completed && job.FilePath is not null && job.DeletionTime is DateTimeOffset deletion)
        {
            fileUrl = (await links.IssueReadLinkAsync(job.FilePath, deletion, cancellationToken)).AbsoluteUri;
        }

        return new DownloadResponse
        {
            RequestId = job.RequestId,
            Status = job.Status,
            CreatedAt = job.CreatedAt,
            UpdatedAt = job.UpdatedAt,
            CompletedAt = job.CompletedAt,
            ProgressPercent = job.ProgressPercent,
            Phase = job.Phase,
            DownloadedBytes = job.DownloadedBytes,
            TotalBytes = job.TotalBytes,
            SpeedBytesPerSecond = job.SpeedBytesPerSecond,
            EtaSeconds = job.EtaSeconds,
            LogsUrl = $"{pathBase}/api/v1/download/{job.RequestId}/logs",
            FileUrl = fileUrl,
            FilePath = completed ? job.FilePath : null,
            FileSize = completed ? job.FileSize : null,
            Title = job.Title,
            Duration = job.Duration,
            Format = job.Format,
            DeletionTime = job.DeletionTime,
            Error = job.Error,
            ErrorCode = job.ErrorCode,
        };
    }
}
