namespace FunctionsDownloader.Security;

/// <summary>The answer of <see cref="RequestRateLimiter"/>: allowed or not, and the figures for the RateLimit headers.</summary>
public sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, TimeSpan Reset);
