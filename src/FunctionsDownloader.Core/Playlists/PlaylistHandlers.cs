using FunctionsDownloader.Batches;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Extraction;
using FunctionsDownloader.Http;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Playlists;

/// <summary>
/// The playlist and channel routes: preview a page of the listing, and download a selection of it as a batch
/// (its entries become jobs once the listing is read, in the batch's orchestration). Both hosts call these.
/// </summary>
public sealed class PlaylistHandlers(
    PlaylistListings listings,
    BatchCreator creator,
    CookiesStore cookies,
    UrlGuard urlGuard,
    IOptions<BatchOptions> options,
    ILogger<PlaylistHandlers> logger)
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    /// <summary><c>GET /api/v1/playlist/preview?url=&amp;page=&amp;page_size=&amp;cookies_id=</c>.</summary>
    public Task<IResult> PreviewPlaylistAsync(HttpRequest request) => PreviewAsync(request, BatchKind.Playlist);

    /// <summary><c>GET /api/v1/channel/preview?url=&amp;page=&amp;page_size=&amp;cookies_id=</c>.</summary>
    public Task<IResult> PreviewChannelAsync(HttpRequest request) => PreviewAsync(request, BatchKind.Channel);

    /// <summary><c>POST /api/v1/playlist/download</c>: <c>items</c> or <c>start</c>/<c>end</c> → 201 batch.</summary>
    public Task<IResult> DownloadPlaylistAsync(HttpRequest request, DurableTaskClient client) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            PlaylistDownloadRequestBody body = await RequestBody.ReadJsonAsync<PlaylistDownloadRequestBody>(
                request, options.Value.MaxRequestBodyBytes, request.HttpContext.RequestAborted);
            (Uri url, DownloadOptions downloadOptions, Uri? callbackUrl) = DownloadRequestValidator.Validate(body);
            int max = Math.Max(1, options.Value.MaxItems);
            PlaylistSelection selection;
            if (body.Items is not null)
            {
                if (body.Start is not null || body.End is not null)
                {
                    throw new InvalidRequestException(
                        "items", "Give either 'items' or 'start' and 'end', not both.");
                }

                selection = new PlaylistSelection { Items = ItemSelection.Parse(body.Items, max) };
            }
            else
            {
                (int start, int? end) = ItemSelection.CheckBounds(body.Start, body.End, max);
                selection = new PlaylistSelection { Start = start, End = end };
            }

            return await CreateAsync(
                request, client, BatchKind.Playlist, body, url, downloadOptions, callbackUrl, selection);
        });

    /// <summary><c>POST /api/v1/channel/download</c>: the latest <c>limit</c> within optional dates → 201.</summary>
    public Task<IResult> DownloadChannelAsync(HttpRequest request, DurableTaskClient client) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            ChannelDownloadRequestBody body = await RequestBody.ReadJsonAsync<ChannelDownloadRequestBody>(
                request, options.Value.MaxRequestBodyBytes, request.HttpContext.RequestAborted);
            (Uri url, DownloadOptions downloadOptions, Uri? callbackUrl) = DownloadRequestValidator.Validate(body);
            int max = Math.Max(1, options.Value.MaxItems);
            if (body.Limit is < 1 || body.Limit > max)
            {
                throw new InvalidRequestException("limit", $"'limit' must be a whole number from 1 to {max}.");
            }

            string? after = ChannelDates.Parse(body.DateAfter, "date_after");
            string? before = ChannelDates.Parse(body.DateBefore, "date_before");
            ChannelDates.CheckOrder(after, before);
            var selection = new PlaylistSelection
            {
                Limit = body.Limit ?? Math.Min(max, options.Value.DefaultChannelLimit),
                DateAfter = after,
                DateBefore = before,
            };
            return await CreateAsync(
                request, client, BatchKind.Channel, body, url, downloadOptions, callbackUrl, selection);
        });

    private async Task<IResult> CreateAsync(
        HttpRequest request,
        DurableTaskClient client,
        string kind,
        BatchRequestBody body,
        Uri url,
        DownloadOptions downloadOptions,
        Uri? callbackUrl,
        PlaylistSelection selection)
    {
        ArgumentNullException.ThrowIfNull(client);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        Caller caller = RequestGate.CallerOf(request.HttpContext);
        int concurrentLimit = BatchRequestRules.ConcurrentLimit(
            body.ConcurrentLimit, options.Value.DefaultConcurrentLimit);
        string? archive = BatchRequestRules.Archive(body.Archive);
        await cookies.RequireAsync(downloadOptions.CookiesId, caller, cancellationToken);

        // Cheap checks first; resolving the host is the slowest one.
        url = await urlGuard.CheckAsync(url, "url", cancellationToken);
        if (callbackUrl is not null)
        {
            callbackUrl = await urlGuard.CheckAsync(callbackUrl, "callback_url", cancellationToken);
        }

        var spec = new BatchSpec(kind, url, [], downloadOptions, callbackUrl, concurrentLimit, selection, archive);
        return await creator.CreateAsync(request, client, caller, spec);
    }

    private Task<IResult> PreviewAsync(HttpRequest request, string kind) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            Caller caller = RequestGate.CallerOf(request.HttpContext);
            Uri url = UrlRules.Parse(request.Query["url"], "url");
            int page = QueryParameters.WholeNumber(request, "page", 1, 1, int.MaxValue);
            int pageSize = QueryParameters.WholeNumber(request, "page_size", DefaultPageSize, 1, MaxPageSize);
            string? cookiesId = request.Query["cookies_id"];
            if (cookiesId is not null && !CookiesIds.IsWellFormed(cookiesId))
            {
                throw new InvalidRequestException(
                    "cookies_id", "'cookies_id' must be the 32-hex-digit id returned by POST /api/v1/auth/cookies.");
            }

            await cookies.RequireAsync(cookiesId, caller, cancellationToken);
            url = await urlGuard.CheckAsync(url, "url", cancellationToken);

            FlatPlaylist listing = await ListAsync(url, caller, cookiesId, kind, cancellationToken);
            int total = listing.Entries.Count;
            int skip = (int)Math.Min(int.MaxValue, ((long)page - 1) * pageSize);
            PlaylistVideo[] videos =
            [
                .. listing.Entries.Skip(skip).Take(pageSize).Select(e =>
                    new PlaylistVideo
                    {
                        Id = e.Id,
                        Title = e.Title,
                        Url = EntryUrls.Display(e.Url),
                        Duration = e.Duration,
                        Thumbnail = e.Thumbnail,
                        Uploader = e.Uploader,
                        UploadDate = UploadDates.ToIso(e.UploadDate),
                        ViewCount = e.ViewCount,
                        PlaylistIndex = e.PlaylistIndex,
                    }),
            ];

            return TypedResults.Json(
                new PlaylistPreviewResponse
                {
                    PlaylistId = listing.Id,
                    PlaylistTitle = listing.Title,
                    PlaylistUploader = listing.Uploader,
                    TotalVideos = total,
                    Page = page,
                    PageSize = pageSize,
                    TotalPages = (total + pageSize - 1) / pageSize,
                    Videos = videos,
                    PlaylistUrl = listing.WebpageUrl ?? url.AbsoluteUri,
                    Thumbnail = listing.Thumbnail,
                    Description = listing.Description,
                },
                ApiJson.Options);
        });

    /// <summary>The listing, or the caller's answer when there is none: 400 for the URL, 503 for the site.</summary>
    private async Task<FlatPlaylist> ListAsync(
        Uri url, Caller caller, string? cookiesId, string kind, CancellationToken cancellationToken)
    {
        try
        {
            return await listings.GetAsync(url, caller.OwnerId, cookiesId, cancellationToken)
                ?? throw new InvalidRequestException(
                    "url", $"The URL is a single video, not a {kind}; download it with POST /api/v1/download.");
        }
        catch (MediaToolException e) when (e.ErrorCode is ErrorCodes.Network or ErrorCodes.Timeout)
        {
            throw new ServiceUnavailableException("The site did not answer in time. Try again shortly.", e)
            {
                RetryAfter = TimeSpan.FromSeconds(5),
            };
        }
        catch (MediaToolException e)
        {
            throw new InvalidRequestException("url", e.Message, e);
        }
        catch (CookiesMissingException e)
        {
            throw new InvalidRequestException("cookies_id", e.Message, e);
        }
        catch (Media.ToolStalledException e)
        {
            throw new ServiceUnavailableException("The site did not answer in time. Try again shortly.", e);
        }
    }
}
