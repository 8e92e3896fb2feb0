using FunctionsDownloader.Configuration;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Http;
using FunctionsDownloader.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Cookies;

/// <summary>
/// The cookies vault routes: upload a Netscape cookies file, list the caller's files (what they
/// cover, never their contents), delete one. Every file belongs to the key that uploaded it.
/// </summary>
public sealed class CookiesHandlers(
    CookiesStore store,
    IOptions<DownloaderOptions> options,
    TimeProvider clock,
    ILogger<CookiesHandlers> logger)
{
    /// <summary><c>POST /api/v1/auth/cookies</c>: validates and stores the file; 201 with <c>Location</c>.</summary>
    public Task<IResult> UploadAsync(HttpRequest request) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            Caller caller = RequestGate.CallerOf(request.HttpContext);
            long maxBytes = options.Value.MaxCookiesFileBytes;

            byte[] content = await CookiesUpload.ReadAsync(request, maxBytes, cancellationToken);
            CookiesFile file = CookiesFileValidator.Parse(content, maxBytes);

            var record = new CookiesRecord
            {
                CookiesId = CookiesIds.New(),
                Owner = caller.OwnerId,
                Domains = string.Join(',', file.Domains.Take(CookiesRecord.MaxIndexedDomains)),
                CookieCount = file.Cookies.Count,
                SizeBytes = content.Length,
                CreatedAt = clock.GetUtcNow(),
                ExpiresAt = file.ExpiresAt,
            };
            await store.AddAsync(record, file, cancellationToken);
            logger.LogInformation(
                "Stored cookies file {CookiesId} with {CookieCount} cookies for owner {Owner}",
                record.CookiesId,
                record.CookieCount,
                record.Owner);

            return new CreatedJsonResult<CookiesFileResponse>(
                $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{record.CookiesId}",
                CookiesFileResponse.From(record));
        });

    /// <summary><c>GET /api/v1/auth/cookies</c>: the caller's files, without contents.</summary>
    public Task<IResult> ListAsync(HttpRequest request) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            Caller caller = RequestGate.CallerOf(request.HttpContext);
            IReadOnlyList<CookiesRecord> records = await store.ListAsync(caller, request.HttpContext.RequestAborted);
            CookiesFileResponse[] files = [.. records.Select(CookiesFileResponse.From)];
            return TypedResults.Json(new CookiesListResponse(files, files.Length), ApiJson.Options);
        });

    /// <summary>
    /// <c>DELETE /api/v1/auth/cookies/{cookies_id}</c>: 204; another key's file is 404, like a missing one.
    /// </summary>
    public Task<IResult> DeleteAsync(HttpRequest request, string cookiesId) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            Caller caller = RequestGate.CallerOf(request.HttpContext);
            CookiesRecord record = await store.FindAsync(cookiesId, caller, cancellationToken)
                ?? throw new NotFoundException(
                    $"There is no cookies file '{Shorten(cookiesId)}'. " +
                    "List your cookies files to find its cookies_id.");

            await store.DeleteAsync(record, cancellationToken);
            logger.LogInformation("Deleted cookies file {CookiesId}", record.CookiesId);
            return TypedResults.NoContent();
        });

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
