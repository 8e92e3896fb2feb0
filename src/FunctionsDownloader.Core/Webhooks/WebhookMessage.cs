namespace FunctionsDownloader.Webhooks;

/// <summary>
/// One webhook to send: where, which event, its delivery id, the JSON body and the secret it is
/// signed with (<c>null</c> to send it unsigned). Lives in memory only, never in the task hub.
/// </summary>
public sealed record WebhookMessage(Uri Target, string Event, string DeliveryId, byte[] Body, string? Secret);
