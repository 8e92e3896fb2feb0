using System.Text.Json;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Http;
using FunctionsDownloader.Idempotency;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Security;
using FunctionsDownloader.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// The single-download routes. Both hosts call these: the Functions app from one-line
/// <c>[Function]</c> wrappers, the Standalone host from minimal-API routes.
/// </summary>
public sealed class DownloadHandlers(
    JobStore jobs,
    JobLogStore logs,
    DownloadResponses responses,
    CookiesStore cookies,
    UrlGuard urlGuard,
    DownloadSiteChecks siteChecks,
    IdempotencyKeys idempotency,
    JobCanceller canceller,
    IOptions<DownloaderOptions> options,
    TimeProvider clock,
    ILogger<DownloadHandlers> logger)
{
    private const int MaxLogPageSize = 1000;

    /// <summary><c>POST /api/v1/download</c>: validates, stores the job, starts its orchestration; 201 with <c>Location</c>.</summary>
    public Task<IResult> CreateAsync(HttpRequest request, DurableTaskClient client) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            ArgumentNullException.ThrowIfNull(client);
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;

            Caller caller = RequestGate.CallerOf(request.HttpContext);
            DownloadRequestBody body = await RequestBody.ReadJsonAsync<DownloadRequestBody>(
                request, options.Value.MaxRequestBodyBytes, cancellationToken);
            (Uri url, DownloadOptions downloadOptions, Uri? callbackUrl) = DownloadRequestValidator.Validate(body);
            await cookies.RequireAsync(downloadOptions.CookiesId, caller, cancellationToken);

            // Cheap checks first; resolving the host is the last and slowest one.
            url = await urlGuard.CheckAsync(url, "url", cancellationToken);
            if (callbackUrl is not null)
            {
                callbackUrl = await urlGuard.CheckAsync(callbackUrl, "callback_url", cancellationToken);
            }

            // A format_id is checked against the site's formats (extracting it, which the job's
            // resolve step then reuses); a clip against the duration, when a recent extraction knows it.
            await siteChecks.CheckAsync(url, downloadOptions, caller.OwnerId, cancellationToken);

            string? idempotencyKey = IdempotencyKeys.KeyOf(request);
            string requestId = RequestIds.New();
            using IDisposable? scope = JobLogScope.Begin(logger, requestId);
            if (idempotencyKey is not null)
            {
                string hash = IdempotencyKeys.HashRequest(
                    "download", JsonSerializer.SerializeToUtf8Bytes(new { url, downloadOptions, callbackUrl }));
                IdempotencyRecord? first = await idempotency.ReserveAsync(
                    caller.OwnerId, idempotencyKey, "download", requestId, hash, cancellationToken);
                if (first is not null)
                {
                    return await ReplayAsync(request, first.ResourceId, cancellationToken);
                }
            }

            DateTimeOffset now = clock.GetUtcNow();
            var job = new JobRecord
            {
                RequestId = requestId,
                Owner = caller.OwnerId,
                Status = JobStatus.Queued,
                Phase = JobPhase.Queued,
                Url = url.AbsoluteUri,
                OptionsJson = JsonSerializer.Serialize(downloadOptions),
                CallbackUrl = callbackUrl?.AbsoluteUri,
                CreatedAt = now,
                UpdatedAt = now,
            };
            try
            {
                await jobs.CreateAsync(job, cancellationToken);
            }
            catch when (idempotencyKey is not null)
            {
                await idempotency.ReleaseAsync(caller.OwnerId, idempotencyKey, CancellationToken.None);
                throw;
            }

            await StartOrchestrationAsync(client, job, cancellationToken);

            logger.LogInformation(
                "Created download job {RequestId} for {Url}", job.RequestId, Jobs.LogSanitizer.StripQuery(url));
            string location = $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{job.RequestId}";
            return new CreatedJsonResult<DownloadResponse>(location, await responses.CreateAsync(job, request.PathBase, cancellationToken));
        });

    /// <summary><c>GET /api/v1/download/{request_id}</c>.</summary>
    public Task<IResult> GetAsync(HttpRequest request, string requestId) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            JobRecord job = await FindAsync(request, requestId, cancellationToken);
            return TypedResults.Json(await responses.CreateAsync(job, request.PathBase, cancellationToken), ApiJson.Options);
        });

    /// <summary><c>GET /api/v1/download/{request_id}/logs?offset=&amp;limit=</c>.</summary>
    public Task<IResult> GetLogsAsync(HttpRequest request, string requestId) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            int offset = QueryParameters.WholeNumber(request, "offset", 0, 0, int.MaxValue);
            int limit = QueryParameters.WholeNumber(request, "limit", MaxLogPageSize, 1, MaxLogPageSize);
            JobRecord job = await FindAsync(request, requestId, cancellationToken);

            (IReadOnlyList<JobLogLine> lines, int total) = await logs.ListAsync(job.RequestId, offset, limit, cancellationToken);
            var response = new LogsResponse(
                job.RequestId,
                [.. lines.Select(l => new LogEntry(l.Timestamp, l.Level, l.Message))],
                total);
            return TypedResults.Json(response, ApiJson.Options);
        });

    /// <summary>
    /// <c>GET /api/v1/download/{request_id}/events</c>: the job's status and progress as Server-Sent Events
    /// until it finishes (see <see cref="DownloadEventsResult"/>).
    /// </summary>
    public Task<IResult> GetEventsAsync(HttpRequest request, string requestId) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            JobRecord job = await FindAsync(request, requestId, request.HttpContext.RequestAborted);
            return new DownloadEventsResult(job, jobs, responses, clock, logger);
        });

    /// <summary>
    /// <c>DELETE /api/v1/download/{request_id}</c>: marks the job cancelled (one winner against
    /// completion, by ETag) and terminates its orchestration; the running activity sees the
    /// change within about a second and kills yt-dlp's process group.
    /// </summary>
    public Task<IResult> CancelAsync(HttpRequest request, string requestId, DurableTaskClient client) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            ArgumentNullException.ThrowIfNull(client);
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            JobRecord existing = await FindAsync(request, requestId, cancellationToken);
            using IDisposable? scope = JobLogScope.Begin(logger, existing.RequestId);

            JobChange? change = await canceller.CancelAsync(
                existing.RequestId, "The job was cancelled at the caller's request.", cancellationToken);

            if (change is null)
            {
                throw NotFound(requestId);
            }

            if (!change.Applied)
            {
                throw new InvalidRequestException(
                    "request_id",
                    $"Job '{requestId}' has already finished ({change.Job.Status}); only queued or running jobs can be cancelled.");
            }

            await canceller.TerminateAsync(client, requestId, cancellationToken);
            logger.LogInformation("Cancelled download job {RequestId}", requestId);

            return TypedResults.Json(
                new CancelResponse(requestId, JobStatus.Cancelled, "The job was cancelled; any running download is being stopped."),
                ApiJson.Options);
        });

    /// <summary>The job a repeated <c>Idempotency-Key</c> created the first time (200, not a new 201).</summary>
    private async Task<IResult> ReplayAsync(HttpRequest request, string requestId, CancellationToken cancellationToken)
    {
        // The first request may still be writing its job; give it a moment.
        for (int attempt = 0; attempt < 20; attempt++)
        {
            if (await jobs.GetAsync(requestId, cancellationToken) is JobRecord job)
            {
                request.HttpContext.Response.Headers.Location = $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{requestId}";
                request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Json(await responses.CreateAsync(job, request.PathBase, cancellationToken), ApiJson.Options);
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new ConflictException(
            $"A request with this {IdempotencyKeys.HeaderName} is still being handled. Retry it in a few seconds.");
    }

    private async Task StartOrchestrationAsync(DurableTaskClient client, JobRecord job, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(nameof(DownloadOrchestrator)),
                job.RequestId,
                new StartOrchestrationOptions(InstanceId: job.RequestId),
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The job must not linger as "queued" with nothing to run it.
            await jobs.UpdateAsync(
                job.RequestId,
                j =>
                {
                    j.Status = JobStatus.Failed;
                    j.Phase = JobPhase.Finished;
                    j.ErrorCode = ErrorCodes.Internal;
                    j.Error = "The job could not be started.";
                    j.CompletedAt = clock.GetUtcNow();
                    return true;
                },
                CancellationToken.None);
            throw new ServiceUnavailableException("The task hub did not accept the job. Try again shortly.", e);
        }
    }

    /// <summary>The caller's job; another key's job is "not found", exactly like a missing one.</summary>
    private async Task<JobRecord> FindAsync(HttpRequest request, string requestId, CancellationToken cancellationToken)
    {
        Caller caller = RequestGate.CallerOf(request.HttpContext);
        if (!RequestIds.IsWellFormed(requestId))
        {
            throw NotFound(requestId);
        }

        JobRecord? job = await jobs.GetAsync(requestId, cancellationToken);
        return job is not null && caller.CanAccess(job.Owner) ? job : throw NotFound(requestId);
    }

    private static NotFoundException NotFound(string requestId) =>
        new($"There is no download job '{Shorten(requestId)}'. Check the request_id returned when the job was created.");

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
