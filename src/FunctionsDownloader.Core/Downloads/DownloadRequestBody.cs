namespace FunctionsDownloader.Downloads;

/// <summary>
/// The body of <c>POST /api/v1/download</c>, as sent; checked by <see cref="DownloadRequestValidator"/>. The
/// playlist, channel and batch bodies extend it with their own fields, so every download option is accepted
/// on every route.
/// </summary>
public class DownloadRequestBody
{
    public string? Url { get; init; }
    public string? Quality { get; init; }
    public string? VideoFormat { get; init; }
    public bool? AudioOnly { get; init; }
    public string? AudioFormat { get; init; }
    public string? CookiesId { get; init; }
    public string? CallbackUrl { get; init; }
}
