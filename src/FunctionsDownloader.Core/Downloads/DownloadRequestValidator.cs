using FunctionsDownloader.Cookies;
using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// Turns a request body into a URL, validated <see cref="DownloadOptions"/> and an optional webhook
/// URL, or a 400 naming the field.
/// </summary>
public static class DownloadRequestValidator
{
    /// <summary>Validates <paramref name="body"/>.</summary>
    /// <exception cref="InvalidRequestException">A field is missing, out of range or not allowed.</exception>
    public static (Uri Url, DownloadOptions Options, Uri? CallbackUrl) Validate(DownloadRequestBody body)
    {
        ArgumentNullException.ThrowIfNull(body);

        Uri url = UrlRules.Parse(body.Url, "url");
        (DownloadOptions options, Uri? callbackUrl) = ValidateOptions(body);
        return (url, options, callbackUrl);
    }

    /// <summary>Validates the download options of <paramref name="body"/>, everything but its <c>url</c>.</summary>
    /// <exception cref="InvalidRequestException">An option is out of range or not allowed.</exception>
    public static (DownloadOptions Options, Uri? CallbackUrl) ValidateOptions(DownloadRequestBody body)
    {
        ArgumentNullException.ThrowIfNull(body);

        string quality = OneOf(body.Quality, "quality", QualityPreset.All, QualityPreset.Best);
        string videoFormat = OneOf(body.VideoFormat, "video_format", MediaFormats.VideoContainers, "mp4");
        string audioFormat = OneOf(body.AudioFormat, "audio_format", MediaFormats.AudioFormats, "m4a");
        bool audioOnly = body.AudioOnly ?? false;
        if (!audioOnly && body.AudioFormat is not null)
        {
            throw new InvalidRequestException(
                "audio_format", "'audio_format' applies only to audio downloads; set 'audio_only' to true or drop it.");
        }

        if (audioOnly && body.VideoFormat is not null)
        {
            throw new InvalidRequestException(
                "video_format", "'video_format' does not apply to audio downloads; use 'audio_format' or drop it.");
        }

        if (audioOnly && QualityPreset.MaxHeight(quality) is not null)
        {
            throw new InvalidRequestException(
                "quality", "Audio downloads take 'quality' best or worst only; a height does not apply to audio.");
        }

        // Never echo the value: a caller may have pasted a cookie there by mistake.
        if (body.CookiesId is not null && !CookiesIds.IsWellFormed(body.CookiesId))
        {
            throw new InvalidRequestException(
                "cookies_id", "'cookies_id' must be the 32-hex-digit id returned by POST /api/v1/auth/cookies.");
        }

        Uri? callbackUrl = CallbackUrl(body.CallbackUrl);
        return (new DownloadOptions
        {
            Quality = quality,
            VideoFormat = videoFormat,
            AudioOnly = audioOnly,
            AudioFormat = audioFormat,
            CookiesId = body.CookiesId,
        }, callbackUrl);
    }

    /// <summary>The webhook URL of a request (the rules of a media URL), or <c>null</c> when there is none.</summary>
    /// <exception cref="InvalidRequestException">The value is not an acceptable URL.</exception>
    public static Uri? CallbackUrl(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidRequestException(
                "callback_url", "'callback_url' is empty; give an http or https URL, or leave the field out.")
            : UrlRules.Parse(value, "callback_url");
    }

    private static string OneOf(string? value, string field, IReadOnlyList<string> allowed, string fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        string normalized = value.Trim().ToLowerInvariant();
        return allowed.Contains(normalized)
            ? normalized
            : throw new InvalidRequestException(
                field, $"'{field}' must be one of {string.Join(", ", allowed)}; '{Shorten(value)}' is not.");
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
