using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Jobs;

/// <summary>
/// The logging scope a job's work runs in: every log line written inside it carries the job's
/// <c>request_id</c>, which the OpenTelemetry exporters send along as an attribute.
/// </summary>
public static class JobLogScope
{
    /// <summary>The scope's key.</summary>
    public const string Key = "request_id";

    /// <summary>Opens the scope of job <paramref name="requestId"/> on <paramref name="logger"/>.</summary>
    public static IDisposable? Begin(ILogger logger, string requestId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new Dictionary<string, object> { [Key] = requestId });
    }
}
