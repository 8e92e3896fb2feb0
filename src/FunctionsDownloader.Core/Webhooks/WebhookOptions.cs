namespace FunctionsDownloader.Webhooks;

/// <summary>Settings of outgoing webhooks (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Webhooks";

    /// <summary>
    /// The signing secret of webhooks for jobs the admin key (or <c>Auth:Mode=none</c>) created; other
    /// keys sign with their own secret. Empty: those webhooks go out unsigned, with a warning.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>How many times one webhook is tried before it is given up.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry, in seconds; it doubles before each later one.</summary>
    public double FirstRetryDelaySeconds { get; set; } = 2;

    /// <summary>How long one attempt may take, in seconds.</summary>
    public double TimeoutSeconds { get; set; } = 10;
}
