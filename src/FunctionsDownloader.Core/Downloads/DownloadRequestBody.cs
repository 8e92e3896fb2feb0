namespace FunctionsDownloader.Downloads;

/// <summary>The body of <c>POST /api/v1/download</c>, as sent; checked by <see cref="DownloadRequestValidator"/>.</summary>
public sealed class DownloadRequestBody
{
    public string? Url { get; init; }
    public string? Quality { get; init; }
    public string? VideoFormat { get; init; }
    public bool? AudioOnly { get; init; }
    public string? AudioFormat { get; init; }
    public string? CookiesId { get; init; }
    public string? CallbackUrl { get; init; }
}
