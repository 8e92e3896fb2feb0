using System.Globalization;
using System.Text.Json;
using FunctionsDownloader.Http;
using FunctionsDownloader.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// A job's state as Server-Sent Events (<c>text/event-stream</c>): the job record is read every
/// <see cref="PollInterval"/> and sent as a <c>progress</c> event whenever it changed; the last event
/// is named after the status the job finished in (<c>completed</c>, <c>failed</c>, <c>cancelled</c>,
/// <c>expired</c>), and the stream ends with it. Each event's data is the DownloadResponse, its id the
/// job's <c>updated_at</c> in Unix milliseconds. Written straight to the response body, which both
/// hosts stream (the Functions app through its ASP.NET Core integration).
/// </summary>
public sealed class DownloadEventsResult(
    JobRecord job,
    JobStore jobs,
    DownloadResponses responses,
    TimeProvider clock,
    ILogger logger) : IResult
{
    /// <summary>How often the job record is read.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>A comment line goes out after this long without events, so proxies keep the connection.</summary>
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    /// <summary>The stream ends after this long even if the job has not; a reconnect gets the current state.</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        HttpResponse response = httpContext.Response;
        CancellationToken cancellationToken = httpContext.RequestAborted;
        using IDisposable? scope = JobLogScope.Begin(logger, job.RequestId);

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken);

        try
        {
            await StreamAsync(response, httpContext.Request.Headers["Last-Event-ID"].ToString(), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The status line has gone out; all that is left is to end the stream. Clients reconnect.
            logger.LogWarning(e, "The event stream of job {RequestId} ended early", job.RequestId);
        }
    }

    private async Task StreamAsync(HttpResponse response, string lastEventId, CancellationToken cancellationToken)
    {
        DateTimeOffset started = clock.GetUtcNow();
        DateTimeOffset lastWrite = started;
        string? sent = lastEventId.Length > 0 ? lastEventId : null;
        await response.WriteAsync("retry: 2000\n\n", cancellationToken);

        JobRecord? current = job;
        while (current is not null)
        {
            bool finished = JobStatus.IsFinished(current.Status);
            string id = current.UpdatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            DateTimeOffset now = clock.GetUtcNow();
            if (id != sent || finished)
            {
                DownloadResponse state = await responses.CreateAsync(
                    current, response.HttpContext.Request.PathBase, cancellationToken);
                string name = finished ? current.Status : "progress";
                string data = JsonSerializer.Serialize(state, ApiJson.Options);
                await response.WriteAsync($"id: {id}\nevent: {name}\ndata: {data}\n\n", cancellationToken);
                sent = id;
                lastWrite = now;
            }
            else if (now - lastWrite >= KeepAliveInterval)
            {
                await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                lastWrite = now;
            }

            await response.Body.FlushAsync(cancellationToken);
            if (finished || now - started >= MaxDuration)
            {
                return;
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
            current = await jobs.GetAsync(job.RequestId, cancellationToken);
        }
    }
}
