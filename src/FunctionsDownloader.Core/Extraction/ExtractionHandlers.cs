using FunctionsDownloader.Cookies;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Http;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Media;
using FunctionsDownloader.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Extraction;

/// <summary>
/// <c>GET /api/v1/formats</c> and <c>GET /api/v1/metadata</c>: what a URL holds, without downloading
/// it. The URL passes the same guard as a download's; a <c>cookies_id</c> must be the caller's. The
/// answer comes from the extraction cache when it is fresh, and a download of the same URL soon
/// after reuses it instead of asking yt-dlp again. Failures of yt-dlp become problem details with a
/// stable <c>error_code</c> (<see cref="ApiErrors.MediaStatus"/>), never its output.
/// </summary>
public sealed class ExtractionHandlers(
    MediaExtractor extractor,
    CookiesStore cookies,
    UrlGuard urlGuard,
    ILogger<ExtractionHandlers> logger)
{
    /// <summary><c>GET /api/v1/formats?url=&amp;cookies_id=</c>.</summary>
    public Task<IResult> GetFormatsAsync(HttpRequest request) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            (Uri url, ExtractedMedia media) = await ExtractAsync(request);
            var response = new FormatsResponse
            {
                Url = url.AbsoluteUri,
                Title = media.Metadata.Title,
                Duration = media.Metadata.Duration,
                Thumbnail = media.Metadata.Thumbnail,
                Formats = new FormatGroups(
                    FormatCatalog.Combined(media), FormatCatalog.VideoOnly(media), FormatCatalog.AudioOnly(media)),
                RecommendedFormat = FormatCatalog.Recommended(media),
                BestVideoFormat = FormatCatalog.BestVideo(media)?.FormatId,
                BestAudioFormat = FormatCatalog.BestAudio(media)?.FormatId,
            };
            return TypedResults.Json(response, ApiJson.Options);
        });

    /// <summary><c>GET /api/v1/metadata?url=&amp;cookies_id=</c>.</summary>
    public Task<IResult> GetMetadataAsync(HttpRequest request) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            (Uri url, ExtractedMedia media) = await ExtractAsync(request);
            return TypedResults.Json(media.Metadata with { Url = url.AbsoluteUri }, ApiJson.Options);
        });

    private async Task<(Uri Url, ExtractedMedia Media)> ExtractAsync(HttpRequest request)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        Caller caller = RequestGate.CallerOf(request.HttpContext);
        Uri url = UrlRules.Parse(Single(request, "url"), "url");
        string? cookiesId = Single(request, "cookies_id");
        if (cookiesId is not null)
        {
            // Never echo the value: a caller may have pasted a cookie there by mistake.
            if (!CookiesIds.IsWellFormed(cookiesId) ||
                await cookies.FindAsync(cookiesId, caller, cancellationToken) is null)
            {
                throw new InvalidRequestException(
                    "cookies_id",
                    "'cookies_id' must name one of your cookies files: the id returned by POST /api/v1/auth/cookies.");
            }
        }

        url = await urlGuard.CheckAsync(url, "url", cancellationToken);
        ExtractedMedia media = await extractor.GetAsync(url, caller.OwnerId, cookiesId, cancellationToken);
        if (media.IsPlaylist)
        {
            throw new MediaToolException(
                ToolLocator.YtDlp,
                0,
                ErrorCodes.UnsupportedUrl,
                "The URL is a playlist or channel, not one video; use /api/v1/playlist/preview for it.");
        }

        return (url, media);
    }

    /// <summary>The query parameter <paramref name="name"/>; given twice is a 400.</summary>
    private static string? Single(HttpRequest request, string name)
    {
        Microsoft.Extensions.Primitives.StringValues values = request.Query[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new InvalidRequestException(name, $"'{name}' is given more than once."),
        };
    }
}
