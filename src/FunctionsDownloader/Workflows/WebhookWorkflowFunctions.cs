using FunctionsDownloader.Webhooks;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsDownloader.Functions.Workflows;

/// <summary>The webhook activity: a one-line wrapper over the Core class.</summary>
public sealed class WebhookWorkflowFunctions(SendWebhookActivity send)
{
    [Function(nameof(SendWebhookActivity))]
    public Task<bool> SendWebhook([ActivityTrigger] string requestId, CancellationToken cancellationToken) =>
        send.ExecuteAsync(requestId, cancellationToken);
}
