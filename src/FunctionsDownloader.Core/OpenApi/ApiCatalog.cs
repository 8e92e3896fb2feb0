using System.Text.Json.Nodes;

namespace FunctionsDownloader.OpenApi;

/// <summary>
/// Every route of the v1 contract (DESIGN.md §2), as the OpenAPI document shows it. A test compares
/// this list with the routes both hosts serve, so a route cannot be added without being documented.
/// It is long because the contract is: one entry per route, kept in one place so that it reads as the
/// API's table of contents.
/// </summary>
public static class ApiCatalog
{
    private const string Json = "application/json";
    private const string Downloads = "Downloads";
    private const string MediaInfo = "Media information";
    private const string Lists = "Playlists and channels";
    private const string Batches = "Batches";
    private const string Keys = "API keys";
    private const string Cookies = "Cookies";
    private const string Service = "Service";

    /// <summary>The tags, in the order the reference page shows them, with what they cover.</summary>
    public static IReadOnlyList<(string Name, string Description)> Tags { get; } =
    [
        (Downloads, "Create a download job, follow it (poll, or stream its events), read its log, cancel it."),
        (MediaInfo, "What a URL holds, without downloading it."),
        (Lists, "Preview a playlist or channel page by page, or download a selection of it as a batch."),
        (Batches, "Follow or cancel a batch: a list of URLs, a playlist or a channel downloading together."),
        (Keys, "Admin only: API keys of callers. A key is shown once, when it is created."),
        (Cookies, "Netscape cookies files for sites that need a login; listed without their contents."),
        (Service, "Health, metrics, statistics and this document."),
    ];

    /// <summary>Every operation of the contract.</summary>
    public static IReadOnlyList<ApiOperation> Operations { get; } =
    [
        new("POST", "/api/v1/download", "createDownload", Downloads, "Create a download job")
        {
            Description = "Validates the URL and options, stores the job as queued and starts it. Send an " +
                "Idempotency-Key header to make the request safe to retry: a repeat answers 200 with the same job.",
            Parameters = [IdempotencyKey],
            Body = [Content("DownloadRequest", ("720p mp4 with a webhook", ApiExamples.DownloadRequest))],
            Answers =
            [
                new(
                    201,
                    "The job was created; Location points at it.",
                    Content("DownloadResponse", ("queued", ApiExamples.Queued))),
                new(200, "A repeated Idempotency-Key: the job the first request created.", Content("DownloadResponse")),
                BadRequest,
                IdempotencyConflict,
                TooLarge,
                .. MediaFailures.Select(a => a with { Description = "With `format_id`: " + a.Description }),
            ],
        },
        new("GET", "/api/v1/download/{request_id}", "getDownload", Downloads, "Get a download job")
        {
            Description = "The job's status, phase, progress and, once completed, a fresh read-only link to the file.",
            Answers =
            [
                new(200, "The job.", Content(
                    "DownloadResponse",
                    ("running", ApiExamples.Running),
                    ("completed", ApiExamples.Completed),
                    ("failed", ApiExamples.Failed))),
                NotFound,
            ],
        },
        new("GET", "/api/v1/download/{request_id}/events", "streamDownloadEvents", Downloads, "Stream a job's events")
        {
            Description = "Server-Sent Events: a `progress` event with the job (the GET answer) whenever it changes, " +
                "checked twice a second, then one event named after the status it finished in (`completed`, " +
                "`failed`, `cancelled`, `expired`), and the stream ends. Comment lines keep idle connections open; " +
                "a stream ends after 30 minutes, and reconnecting gives the current state.",
            Answers = [new(200, "The event stream.", Text("text/event-stream", ApiExamples.Events)), NotFound],
        },
        new("GET", "/api/v1/download/{request_id}/logs", "getDownloadLogs", Downloads, "Read a job's log")
        {
            Parameters =
            [
                new("offset", "Lines to skip (default 0).", Type: "integer", Example: "0"),
                new("limit", "Lines to return, 1 to 1000 (default 1000).", Type: "integer", Example: "100"),
            ],
            Answers =
            [
                new(
                    200,
                    "A page of the job's log lines, oldest first.",
                    Content("LogsResponse", ("page", ApiExamples.Logs))),
                BadRequest,
                NotFound,
            ],
        },
        new("DELETE", "/api/v1/download/{request_id}", "cancelDownload", Downloads, "Cancel a download job")
        {
            Description = "Stops a queued or running job; a running download is killed within about a second.",
            Answers =
            [
                new(200, "The job was cancelled.", Content("CancelResponse", ("cancelled", ApiExamples.Cancelled))),
                new(400, "The job has already finished.", ProblemContent()),
                NotFound,
            ],
        },
        new("GET", "/api/v1/formats", "getFormats", MediaInfo, "List a video's formats")
        {
            Description = "Asks the site (through yt-dlp) which formats it offers, without downloading. A fresh " +
                "answer comes from the extraction cache, which a download of the same URL soon after reuses too.",
            Parameters = [UrlQuery, CookiesQuery],
            Answers =
            [
                new(
                    200,
                    "The formats, grouped, best first.",
                    Content("FormatsResponse", ("formats", MediaInfoExamples.Formats))),
                BadRequest,
                .. MediaFailures,
            ],
        },
        new("GET", "/api/v1/metadata", "getMetadata", MediaInfo, "Describe a video")
        {
            Description = "Title, uploader, dates, counts, thumbnails, chapters and subtitle languages, " +
                "without downloading; cached like the formats.",
            Parameters = [UrlQuery, CookiesQuery],
            Answers =
            [
                new(
                    200,
                    "What the site says about the video.",
                    Content("MetadataResponse", ("metadata", MediaInfoExamples.Metadata))),
                BadRequest,
                .. MediaFailures,
            ],
        },
        new("GET", "/api/v1/playlist/preview", "previewPlaylist", Lists, "Preview a playlist")
        {
            Description = "Lists the playlist (yt-dlp's flat listing, entries not resolved one by one) and answers " +
                "one page of it. The listing is cached for a few minutes, so paging does not list again and a " +
                "download right after selects from what was shown.",
            Parameters = [UrlQuery, PageQuery, PageSizeQuery, CookiesQuery],
            Answers =
            [
                new(
                    200,
                    "One page of the playlist.",
                    Content("PlaylistPreviewResponse", ("page", BatchExamples.Preview))),
                new(400, "Invalid input, a single video rather than a playlist, or a URL yt-dlp cannot list.", Problem),
            ],
        },
        new("POST", "/api/v1/playlist/download", "downloadPlaylist", Lists, "Download a playlist")
        {
            Description = "Creates a batch; its jobs are added once the playlist has been listed. Select entries " +
                "with `items`, or `start` and `end`, or neither for the whole playlist.",
            Parameters = [IdempotencyKey],
            Body = [Content("PlaylistDownloadRequest", ("a selection as one zip", BatchExamples.PlaylistRequest))],
            Answers = [.. BatchCreated],
        },
        new("GET", "/api/v1/channel/preview", "previewChannel", Lists, "Preview a channel")
        {
            Description = "Like the playlist preview, for a channel: newest first, with upload dates.",
            Parameters = [UrlQuery, PageQuery, PageSizeQuery, CookiesQuery],
            Answers =
            [
                new(
                    200,
                    "One page of the channel's videos, newest first.",
                    Content("PlaylistPreviewResponse", ("page", BatchExamples.Preview))),
                new(400, "Invalid input, a single video rather than a channel, or a URL yt-dlp cannot list.", Problem),
            ],
        },
        new("POST", "/api/v1/channel/download", "downloadChannel", Lists, "Download a channel's latest videos")
        {
            Description = "Creates a batch of the channel's latest `limit` videos, optionally only those uploaded " +
                "between `date_after` and `date_before`; its jobs are added once the channel has been listed.",
            Parameters = [IdempotencyKey],
            Body = [Content("ChannelDownloadRequest", ("latest five as mp3", BatchExamples.ChannelRequest))],
            Answers = [.. BatchCreated],
        },
        new("POST", "/api/v1/batch/download", "createBatch", Batches, "Download a list of URLs")
        {
            Description = "Creates a job for each of 1 to 100 URLs with shared options; `concurrent_limit` of them " +
                "download at a time. A URL the rules refuse is a 400 naming `urls`, whose detail says which one.",
            Parameters = [IdempotencyKey],
            Body = [Content("BatchDownloadRequest", ("two URLs at 480p", BatchExamples.BatchRequest))],
            Answers = [.. BatchCreated],
        },
        new("GET", "/api/v1/batch/{batch_id}", "getBatch", Batches, "Get a batch")
        {
            Description = "Counts by status, overall status, progress and every job of a batch, playlist or " +
                "channel download, with fresh links to the completed files and the archive.",
            Answers =
            [
                new(200, "The batch.", Content("BatchStatusResponse", ("running", BatchExamples.Running))),
                NotFound,
            ],
        },
        new("DELETE", "/api/v1/batch/{batch_id}", "cancelBatch", Batches, "Cancel a batch")
        {
            Description = "Starts no more of its jobs and cancels every unfinished one; running downloads are " +
                "killed within about a second.",
            Answers =
            [
                new(
                    200,
                    "The batch, cancelled.",
                    Content("BatchStatusResponse", ("cancelled", BatchExamples.Cancelled))),
                new(400, "The batch has already finished.", Problem),
                NotFound,
            ],
        },
        new("POST", "/api/v1/auth/keys", "createApiKey", Keys, "Create an API key")
        {
            Body = [Content("CreateApiKeyRequest", ("named key", ApiExamples.CreateApiKey))],
            Answers =
            [
                new(
                    201,
                    "The key and its webhook secret, shown this once.",
                    Content("CreatedApiKeyResponse", ("created", ApiExamples.CreatedApiKey))),
                BadRequest,
                Forbidden,
            ],
        },
        new("GET", "/api/v1/auth/keys", "listApiKeys", Keys, "List API keys")
        {
            Answers =
            [
                new(
                    200,
                    "Every key, never the key itself.",
                    Content("ApiKeyListResponse", ("keys", ApiExamples.ApiKeys))),
                Forbidden,
            ],
        },
        new("DELETE", "/api/v1/auth/keys/{key_id}", "revokeApiKey", Keys, "Revoke an API key")
        {
            Answers =
            [
                new(200, "The key, revoked.", Content("ApiKeyInfo", ("revoked", ApiExamples.ApiKey))),
                Forbidden,
                NotFound,
            ],
        },
        new("POST", "/api/v1/auth/cookies", "uploadCookies", Cookies, "Upload a cookies file")
        {
            Description = "A Netscape cookies.txt file, as the body or as the `file` part of a form. Pass the " +
                "cookies_id it returns with downloads from sites that need a login.",
            Body =
            [
                Text("text/plain", ApiExamples.CookiesText),
                new ApiContent("multipart/form-data", "CookiesUpload"),
            ],
            Answers =
            [
                new(
                    201,
                    "The file was stored; Location points at it.",
                    Content("CookiesFileResponse", ("stored", ApiExamples.CookiesFile))),
                BadRequest,
                TooLarge,
            ],
        },
        new("GET", "/api/v1/auth/cookies", "listCookies", Cookies, "List your cookies files")
        {
            Answers =
            [
                new(
                    200,
                    "Your files (every file, for the admin key), without their contents.",
                    Content("CookiesListResponse", ("files", ApiExamples.CookiesFiles))),
            ],
        },
        new("DELETE", "/api/v1/auth/cookies/{cookies_id}", "deleteCookies", Cookies, "Delete a cookies file")
        {
            Answers = [new(204, "The file is gone."), NotFound],
        },
        new("GET", "/api/v1/health", "getHealth", Service, "Check the service's health")
        {
            Anonymous = true,
            Description = "Storage, the task hub, yt-dlp, ffmpeg and ffprobe (with their versions) and the job disk.",
            Answers =
            [
                new(200, "Healthy or degraded.", Content("HealthResponse", ("healthy", ApiExamples.Health))),
                new(503, "Unhealthy: a dependency failed its check.", Content("HealthResponse")),
            ],
        },
        new("GET", "/api/v1/metrics", "getMetrics", Service, "Read the metrics (Prometheus)")
        {
            Description = "Jobs by status, job durations, active downloads, stored and downloaded bytes and " +
                "rate-limit refusals, in the Prometheus text format, or in OpenMetrics when the Accept header asks " +
                "for `application/openmetrics-text` (as Prometheus does). Counted in storage: every instance " +
                "answers alike.",
            Answers =
            [
                new(200, "The metrics.", Text("text/plain; version=0.0.4", ApiExamples.Metrics))
                {
                    Alternatives =
                    [
                        Text("application/openmetrics-text; version=1.0.0", ApiExamples.OpenMetrics),
                    ],
                },
            ],
        },
        new("GET", "/api/v1/stats", "getStats", Service, "Read the statistics")
        {
            Description = "The totals of the metrics as JSON, plus this instance's uptime. `storage_available_bytes` " +
                "is always null: blob storage grows on demand, so there is no free space to report.",
            Answers = [new(200, "The statistics.", Content("StatsResponse", ("totals", ApiExamples.Stats)))],
        },
        new("GET", "/api/openapi.json", "getOpenApiDocument", Service, "This OpenAPI document")
        {
            Anonymous = true,
            Answers = [new(200, "The document (OpenAPI 3.1).", new ApiContent(Json, null))],
        },
        new("GET", "/api/docs", "getApiReference", Service, "The API reference page")
        {
            Anonymous = true,
            Description = "An interactive reference of this document (Scalar), served by the service itself, no CDN.",
            Answers =
            [
                new(200, "The page (or, with `?asset=scalar.js`, the viewer's script).", Text("text/html", null)),
                new(404, "An asset the page does not have.", ProblemContent()),
            ],
        },
    ];

    private static ApiParameter UrlQuery =>
        new("url", "The media URL (http or https).", Required: true, Example: "https://www.example.com/watch?v=a1b2c3");

    private static ApiParameter CookiesQuery =>
        new("cookies_id", "One of your cookies files, for sites that need a login.");

    private static ApiParameter PageQuery =>
        new("page", "The page, from 1 (default 1).", Type: "integer", Example: "1");

    private static ApiParameter PageSizeQuery =>
        new("page_size", "Videos per page (default 20, at most 100).", Type: "integer", Example: "20");

    private static ApiAnswer BadRequest =>
        new(400, "Invalid input; `field` names the culprit.", ProblemContent(("invalid", ApiExamples.InvalidRequest)));

    private static ApiAnswer NotFound =>
        new(404, "Unknown, or another key's.", ProblemContent(("unknown", ApiExamples.NotFound)));

    /// <summary>
    /// What a failed look at the site answers (<see cref="Http.ApiErrors.MediaStatus"/>), with a stable
    /// <c>error_code</c>.
    /// </summary>
    private static ApiAnswer[] MediaFailures =>
    [
        new(404, "The site says the media is not there (`unavailable`).", ProblemContent(
            ("unavailable", MediaInfoExamples.Unavailable))),
        new(
            422,
            "Nothing the service can fetch: an unsupported URL, a playlist, a login or region wall, too large.",
            ProblemContent()),
        new(502, "The site or yt-dlp failed.", ProblemContent()),
        new(504, "The site was too slow.", ProblemContent()),
    ];

    private static ApiAnswer Forbidden => new(403, "Only the admin key may do this.", ProblemContent());

    private static ApiAnswer TooLarge => new(413, "The body is too large.", ProblemContent());

    /// <summary>What creating a batch answers: the batch (the contract's BatchDownloadResponse, extended).</summary>
    private static ApiAnswer[] BatchCreated =>
    [
        new(
            201,
            "The batch was created; Location points at it.",
            Content("BatchStatusResponse", ("created", BatchExamples.Created201))),
        new(200, "A repeated Idempotency-Key: the batch the first request created.", Content("BatchStatusResponse")),
        BadRequest,
        IdempotencyConflict,
        TooLarge,
    ];

    private static ApiParameter IdempotencyKey => new(
        "Idempotency-Key",
        "Up to 255 printable characters: a repeat with the same body gets what the first request created.",
        In: "header");

    private static ApiAnswer IdempotencyConflict =>
        new(409, "A request with the same Idempotency-Key is still being handled; retry shortly.", Problem);

    private static ApiContent Problem => ProblemContent();

    /// <summary>A problem details body, with examples.</summary>
    internal static ApiContent ProblemContent(params (string Name, JsonNode Value)[] examples) =>
        new("application/problem+json", "Problem", Named(examples));

    private static ApiContent Content(string schema, params (string Name, JsonNode Value)[] examples) =>
        new(Json, schema, Named(examples));

    private static ApiContent Text(string mediaType, JsonNode? example) =>
        new(mediaType, null, example is null ? null : Named([("example", example)]));

    private static Dictionary<string, JsonNode>? Named((string Name, JsonNode Value)[] examples) =>
        examples.Length == 0 ? null : examples.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
}
