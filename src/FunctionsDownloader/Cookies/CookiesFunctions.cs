using FunctionsDownloader.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsDownloader.Functions.Cookies;

/// <summary>The cookies vault routes: one-line wrappers over <see cref="CookiesHandlers"/>.</summary>
public sealed class CookiesFunctions(CookiesHandlers handlers)
{
    [Function(nameof(UploadCookies))]
    public Task<IResult> UploadCookies(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/auth/cookies")] HttpRequest request) =>
        handlers.UploadAsync(request);

    [Function(nameof(ListCookies))]
    public Task<IResult> ListCookies(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/auth/cookies")] HttpRequest request) =>
        handlers.ListAsync(request);

    [Function(nameof(DeleteCookies))]
    public Task<IResult> DeleteCookies(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/auth/cookies/{cookiesId}")]
        HttpRequest request,
        string cookiesId) => handlers.DeleteAsync(request, cookiesId);
}
