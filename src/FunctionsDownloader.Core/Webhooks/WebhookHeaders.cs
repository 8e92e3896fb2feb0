namespace FunctionsDownloader.Webhooks;

/// <summary>The headers every webhook carries (documented in the README for receivers).</summary>
public static class WebhookHeaders
{
    /// <summary>
    /// <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c>; see
    /// <see cref="WebhookSignature"/>.
    /// </summary>
    public const string Signature = "X-FunctionsDownloader-Signature";

    /// <summary>What happened, for example <see cref="DownloadFinished"/>.</summary>
    public const string Event = "X-FunctionsDownloader-Event";

    /// <summary>The same value on every attempt of one event, so receivers can ignore repeats.</summary>
    public const string Delivery = "X-FunctionsDownloader-Delivery";

    /// <summary>The user agent webhooks are sent with.</summary>
    public const string UserAgent = "FunctionsDownloader-Webhooks/1.0";

    /// <summary>The event of a single download that has completed or failed.</summary>
    public const string DownloadFinished = "download.finished";

    /// <summary>The event of a batch, playlist or channel download that has completed or failed.</summary>
    public const string BatchFinished = "batch.finished";
}
