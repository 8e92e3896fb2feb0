namespace FunctionsDownloader.Operations;

/// <summary>The answer of <c>GET /api/v1/health</c>.</summary>
public sealed record HealthResponse(
    string Status,
    DateTimeOffset Timestamp,
    string Version,
    double UptimeSeconds,
    IReadOnlyList<HealthCheck> Checks);

/// <summary>One dependency's state: <c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>, and why.</summary>
public sealed record HealthCheck(string Name, string Status, string Message);
