using System.Text.Json;
using FunctionsDownloader.Http;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Webhooks;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Batches;

/// <summary>
/// Posts a finished batch to its <c>callback_url</c> (event <c>batch.finished</c>, delivery id the batch id):
/// the body is the batch's BatchStatusResponse, signed like a job's webhook with the owning key's secret. The
/// input is the batch id alone; the URL and the secret are read here. The delivery attempts are logged under
/// the batch id, beside the jobs' logs.
/// </summary>
public sealed class SendBatchWebhookActivity(
    BatchStore batches,
    BatchResponses responses,
    JobLogStore logs,
    WebhookSecrets secrets,
    WebhookSender sender,
    TimeProvider clock,
    ILogger<SendBatchWebhookActivity> logger) : TaskActivity<string, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, string input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>Does the work; called by both hosts.</summary>
    /// <returns>Whether the webhook was delivered (<c>false</c> also when none was due).</returns>
    public async Task<bool> ExecuteAsync(string batchId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["batch_id"] = batchId });

        BatchRecord? batch = await batches.GetAsync(batchId, cancellationToken);
        if (batch is null || batch.Status is not (JobStatus.Completed or JobStatus.Failed) ||
            !Uri.TryCreate(batch.CallbackUrl, UriKind.Absolute, out Uri? target))
        {
            logger.LogInformation("No webhook is due for batch {BatchId}", batchId);
            return false;
        }

        BatchStatusResponse response = await responses.CreateAsync(batch, cancellationToken);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(response, ApiJson.Options);
        string? secret = await secrets.FindAsync(batch.Owner, cancellationToken);
        var log = new JobLogWriter(logs, clock, batchId);
        if (secret is null)
        {
            log.Warning($"The webhook is sent unsigned: its owner has no webhook secret (see Webhooks:Secret).");
        }

        try
        {
            var message = new WebhookMessage(target, WebhookHeaders.BatchFinished, batchId, body, secret);
            return await sender.DeliverAsync(message, log, cancellationToken);
        }
        finally
        {
            try
            {
                await log.FlushAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Once a webhook has gone out, a storage hiccup must not make the activity fail and send it again.
                logger.LogWarning(e, "Could not write the webhook log lines of batch {BatchId}", batchId);
            }
        }
    }
}
