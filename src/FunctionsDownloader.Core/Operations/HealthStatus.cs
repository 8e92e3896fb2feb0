namespace FunctionsDownloader.Operations;

/// <summary>The three health states, worst last.</summary>
public static class HealthStatus
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";

    /// <summary>The worse of two states.</summary>
    public static string Worst(string a, string b) =>
        a == Unhealthy || b == Unhealthy ? Unhealthy : a == Degraded || b == Degraded ? Degraded : Healthy;
}
