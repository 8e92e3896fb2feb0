using System.Globalization;
using System.Text.Json;
using Azure;
using FunctionsDownloader.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Http;

/// <summary>
/// The one place where exceptions become HTTP answers: <c>application/problem+json</c> with a
/// human <c>detail</c> and, for validation, the offending <c>field</c>. Nothing internal (stack
/// traces, tool output, paths) is ever written.
/// </summary>
public static class ApiErrors
{
    /// <summary>Runs <paramref name="handler"/> and maps any exception it throws.</summary>
    public static async Task<IResult> RunAsync(HttpContext context, ILogger logger, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);

        try
        {
            return await handler();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ToResult(e, context, logger);
        }
    }

    /// <summary>The problem answer for <paramref name="exception"/>.</summary>
    public static IResult ToResult(Exception exception, HttpContext context, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);

        // The Azure SDK reports exhausted retries as an AggregateException of the attempts.
        if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count > 0 &&
            aggregate.InnerExceptions.All(e => e is RequestFailedException or HttpRequestException or TimeoutException))
        {
            exception = aggregate.InnerExceptions[^1];
        }

        switch (exception)
        {
            case InvalidRequestException e:
                return Problem(StatusCodes.Status400BadRequest, "Invalid request", e.Message, e.Field);
            case UnauthorizedException e:
                context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-API-Key\"";
                return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", e.Message);
            case ForbiddenException e:
                return Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message);
            case RateLimitedException e:
                context.Response.Headers.RetryAfter =
                    Math.Max(1, Math.Ceiling(e.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status429TooManyRequests, "Too many requests", e.Message);
            case ConflictException e:
                return Problem(StatusCodes.Status409Conflict, "Conflict", e.Message);
            case NotFoundException e:
                return Problem(StatusCodes.Status404NotFound, "Not found", e.Message);
            case PayloadTooLargeException e:
                return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", e.Message);
            case BadHttpRequestException e when e.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return Problem(e.StatusCode, "Request body too large", "The request body is too large.");
            case BadHttpRequestException e:
                // The web server gave up on the body: it came too slowly (408) or ended before its
                // Content-Length (400).
                logger.LogInformation("Answering {Status}: {Reason}", e.StatusCode, e.Message);
                return e.StatusCode == StatusCodes.Status408RequestTimeout
                    ? Problem(e.StatusCode, "Request timeout", "The request body arrived too slowly; send it again.")
                    : Problem(
                        StatusCodes.Status400BadRequest,
                        "Invalid request",
                        "The request body could not be read: it ended before its declared length or was malformed.");
            case MediaToolException e:
                logger.LogInformation(
                    "Answering {ErrorCode} from {Tool} for {Path}", e.ErrorCode, e.Tool, context.Request.Path);
                return Problem(MediaStatus(e.ErrorCode), "Media not available", e.Message, errorCode: e.ErrorCode);
            case CookiesMissingException e:
                return Problem(StatusCodes.Status400BadRequest, "Invalid request", e.Message, "cookies_id");
            case ServiceUnavailableException e:
                logger.LogWarning(e, "Answering 503: {Reason}", e.Message);
                return Unavailable(context, e.Message, e.RetryAfter);
            case RequestFailedException e when e.Status is 0 or >= 500 or 408:
                logger.LogWarning(e, "Storage is unavailable ({Status})", e.Status);
                return Unavailable(context, "Storage is not answering right now. Try again shortly.", TimeSpan.FromSeconds(10));
            case HttpRequestException or TimeoutException or TaskCanceledException when !context.RequestAborted.IsCancellationRequested:
                logger.LogWarning(exception, "A dependency did not answer");
                return Unavailable(context, "A dependency is not answering right now. Try again shortly.", TimeSpan.FromSeconds(10));
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                // The caller went away; nobody reads this answer.
                return Results.StatusCode(499);
            case JsonException:
                return Problem(StatusCodes.Status400BadRequest, "Invalid request", "The request body is not valid JSON.");
            default:
                logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                return Problem(
                    StatusCodes.Status500InternalServerError,
                    "Internal error",
                    "The service failed to handle the request. Try again; if it keeps failing, report the time of the request.");
        }
    }

    /// <summary>A problem details answer; <paramref name="errorCode"/> is from <see cref="Jobs.ErrorCodes"/>.</summary>
    public static IResult Problem(
        int status, string title, string detail, string? field = null, string? errorCode = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (field is not null)
        {
            extensions["field"] = field;
        }

        if (errorCode is not null)
        {
            extensions["error_code"] = errorCode;
        }

        return TypedResults.Problem(
            detail,
            statusCode: status,
            title: title,
            type: TypeBeyondDefaults(status),
            extensions: extensions.Count == 0 ? null : extensions);
    }

    // ASP.NET Core names the type of most statuses itself, but not of these two.
    private static string? TypeBeyondDefaults(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => null,
    };

    /// <summary>
    /// What a failed look at the media (yt-dlp, for formats, metadata or a <c>format_id</c> check)
    /// answers: 422 when the URL holds nothing the service can fetch as asked (unsupported, a
    /// playlist, a login or region wall), 404 when the site says the media is not there, 502 when
    /// the site or the tool failed, 504 when the site was too slow.
    /// </summary>
    public static int MediaStatus(string errorCode) => errorCode switch
    {
        Jobs.ErrorCodes.Unavailable => StatusCodes.Status404NotFound,
        Jobs.ErrorCodes.UnsupportedUrl or Jobs.ErrorCodes.LoginRequired or Jobs.ErrorCodes.GeoBlocked
            or Jobs.ErrorCodes.FileTooLarge => StatusCodes.Status422UnprocessableEntity,
        Jobs.ErrorCodes.Timeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status502BadGateway,
    };

    private static IResult Unavailable(HttpContext context, string detail, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);
    }
}
