using System.Text.Json;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Http;
using FunctionsDownloader.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Webhooks;

/// <summary>
/// Posts a finished job to its <c>callback_url</c>: the body is the job's DownloadResponse (what
/// <c>GET /api/v1/download/{request_id}</c> returns), signed with the owning key's webhook secret.
/// The input is the request id alone: the URL and the secret are read here, never put in the task
/// hub. A webhook that cannot be delivered is logged and leaves the job as it is.
/// </summary>
public sealed class SendWebhookActivity(
    JobStore jobs,
    JobLogStore logs,
    DownloadResponses responses,
    WebhookSecrets secrets,
    WebhookSender sender,
    TimeProvider clock,
    ILogger<SendWebhookActivity> logger) : TaskActivity<string, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, string input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>Does the work; called by both hosts.</summary>
    /// <returns>Whether the webhook was delivered (<c>false</c> also when none was due).</returns>
    public async Task<bool> ExecuteAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        using IDisposable? scope = JobLogScope.Begin(logger, requestId);

        JobRecord? job = await jobs.GetAsync(requestId, cancellationToken);
        if (job is null || !WebhookRules.IsDue(job) ||
            !Uri.TryCreate(job.CallbackUrl, UriKind.Absolute, out Uri? target))
        {
            logger.LogInformation("No webhook is due for job {RequestId}", requestId);
            return false;
        }

        DownloadResponse response = await responses.CreateAsync(job, PathString.Empty, cancellationToken);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(response, ApiJson.Options);
        string? secret = await secrets.FindAsync(job.Owner, cancellationToken);

        var log = new JobLogWriter(logs, clock, requestId);
        if (secret is null)
        {
            log.Warning(
                $"The webhook is sent unsigned: its owner has no webhook secret (see Webhooks:Secret).");
            logger.LogWarning(
                "The webhook of job {RequestId} is sent unsigned: owner {Owner} has no webhook secret",
                requestId,
                job.Owner);
        }

        var message = new WebhookMessage(target, WebhookHeaders.DownloadFinished, requestId, body, secret);
        bool delivered;
        try
        {
            delivered = await sender.DeliverAsync(message, log, cancellationToken);
        }
        finally
        {
            await FlushAsync(log, requestId);
        }

        return delivered;
    }

    // Once a webhook has gone out, a storage hiccup must not make the activity fail and send it again.
    private async Task FlushAsync(JobLogWriter log, string requestId)
    {
        try
        {
            await log.FlushAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not write the webhook log lines of job {RequestId}", requestId);
        }
    }
}
