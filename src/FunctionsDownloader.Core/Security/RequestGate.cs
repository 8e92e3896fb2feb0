using System.Globalization;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Http;
using FunctionsDownloader.Monitoring;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Security;

/// <summary>
/// The service's own door, run before every handler by both hosts (ASP.NET Core middleware in the
/// Standalone host, worker middleware in the Functions app): checks the API key, applies the rate
/// limits, and leaves the <see cref="Caller"/> on the request for the handlers.
/// </summary>
public sealed class RequestGate(
    ApiKeyAuthenticator authenticator,
    RequestRateLimiter limiter,
    IOptions<RateLimitOptions> limits,
    ServiceCounters counters,
    ILogger<RequestGate> logger)
{
    private const string CallerItem = "FunctionsDownloader.Caller";

    private static readonly string[] AnonymousPaths = ["/api/v1/health", "/api/openapi.json", "/api/docs"];

    /// <summary>Admits the request (returns <c>null</c>) or returns the refusal to send instead.</summary>
    public async Task<IResult?> AdmitAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        PathString path = context.Request.Path;
        if (AnonymousPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        try
        {
            string clientAddress = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            // Two keys in one request are refused, whichever of them is valid.
            var keys = context.Request.Headers[ApiKeyAuthenticator.HeaderName];
            if (keys.Count > 1)
            {
                throw new UnauthorizedException(
                    $"Send one API key in the {ApiKeyAuthenticator.HeaderName} header, not {keys.Count}.");
            }

            Caller caller = await authenticator.AuthenticateAsync(
                keys.FirstOrDefault(),
                clientAddress,
                context.RequestAborted);
            context.Items[CallerItem] = caller;

            string? category = RateLimitCategory.Of(context.Request.Method, path);
            if (category is not null && !caller.IsAdmin && limits.Value.Enabled)
            {
                RateLimitDecision decision = await limiter.CheckAsync(caller.RateLimitSubject, category, context.RequestAborted);
                WriteHeaders(context.Response, decision);
                if (!decision.Allowed)
                {
                    await counters.RateLimitedAsync(category);
                    throw new RateLimitedException(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Too many requests: at most {decision.Limit} in this window. Try again in {Seconds(decision.Reset)} s."),
                        decision.Limit,
                        decision.Reset);
                }
            }

            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ApiErrors.ToResult(e, context, logger);
        }
    }

    /// <summary>The caller the gate admitted for this request.</summary>
    /// <exception cref="UnauthorizedException">The request did not pass the gate.</exception>
    public static Caller CallerOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(CallerItem, out object? value) && value is Caller caller
            ? caller
            : throw new UnauthorizedException($"Send your API key in the {ApiKeyAuthenticator.HeaderName} header.");
    }

    private static void WriteHeaders(HttpResponse response, RateLimitDecision decision)
    {
        response.Headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Reset"] = Seconds(decision.Reset).ToString(CultureInfo.InvariantCulture);
    }

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));
}
