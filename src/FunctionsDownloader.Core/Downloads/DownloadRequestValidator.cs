using FunctionsDownloader.Cookies;
using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// Turns a request body into a URL, validated <see cref="DownloadOptions"/> and an optional webhook
/// URL, or a 400 naming the field. Checks that need the site (a <c>format_id</c> it offers, a clip
/// within its duration) are <see cref="DownloadSiteChecks"/>'.
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

        string? formatId = FormatIds.Parse(body.FormatId, audioOnly);
        if (formatId is not null && body.Quality is not null)
        {
            throw new InvalidRequestException(
                "quality", "'quality' does not apply when 'format_id' names the format; drop one of them.");
        }

        IReadOnlyList<string> subtitles = SubtitleLanguages.Parse(body.Subtitles);
        bool embedSubtitles = EmbedSubtitles(body, subtitles, audioOnly);
        bool embedThumbnail = EmbedThumbnail(body, audioOnly, videoFormat, audioFormat);
        (double? start, double? end) = Clip(body);
        if (start is not null || end is not null)
        {
            if (subtitles.Count > 0)
            {
                throw new InvalidRequestException(
                    "subtitles",
                    "'subtitles' cannot be combined with a clip: the subtitles would keep the full video's timing " +
                    "and run out of sync. Drop 'subtitles' or 'start_time' and 'end_time'.");
            }
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
            FormatId = formatId,
            Subtitles = subtitles,
            EmbedSubtitles = embedSubtitles,
            EmbedThumbnail = embedThumbnail,
            EmbedMetadata = body.EmbedMetadata ?? false,
            StartTime = start,
            EndTime = end,
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

    // The result is one file, so subtitles reach the caller only inside it.
    private static bool EmbedSubtitles(DownloadRequestBody body, IReadOnlyList<string> subtitles, bool audioOnly)
    {
        if (audioOnly && (subtitles.Count > 0 || body.EmbedSubtitles == true))
        {
            throw new InvalidRequestException(
                subtitles.Count > 0 ? "subtitles" : "embed_subtitles",
                "Subtitles are embedded in video files only; drop them from an audio download.");
        }

        if (body.EmbedSubtitles == true && subtitles.Count == 0)
        {
            throw new InvalidRequestException(
                "subtitles",
                "'embed_subtitles' needs the languages to embed: list them in 'subtitles', e.g. [\"en\"].");
        }

        if (body.EmbedSubtitles == false && subtitles.Count > 0)
        {
            throw new InvalidRequestException(
                "embed_subtitles",
                "The result is one file, so subtitles are delivered embedded in it; set 'embed_subtitles' to true " +
                "or leave it out.");
        }

        return subtitles.Count > 0;
    }

    private static bool EmbedThumbnail(DownloadRequestBody body, bool audioOnly, string videoFormat, string audioFormat)
    {
        if (body.EmbedThumbnail != true)
        {
            return false;
        }

        if (!audioOnly && videoFormat == "webm")
        {
            throw new InvalidRequestException(
                "embed_thumbnail",
                "A webm file cannot carry a thumbnail; choose 'video_format' mp4 or mkv, or drop it.");
        }

        if (audioOnly && audioFormat == "wav")
        {
            throw new InvalidRequestException(
                "embed_thumbnail", "A wav file cannot carry a thumbnail; choose another 'audio_format', or drop it.");
        }

        return true;
    }

    private static (double? Start, double? End) Clip(DownloadRequestBody body)
    {
        double? start = ClipTime.Parse(body.StartTime, "start_time");
        double? end = ClipTime.Parse(body.EndTime, "end_time");
        if (end is double e && e <= (start ?? 0))
        {
            throw new InvalidRequestException("end_time", "'end_time' must be after 'start_time' (or after 0).");
        }

        if (end - (start ?? 0) < ClipTime.MinLength)
        {
            throw new InvalidRequestException(
                "end_time", $"The clip must last at least {ClipTime.Describe(ClipTime.MinLength)}.");
        }

        // A clip from 0 to the end is the whole media.
        return start == 0 && end is null ? (null, null) : (start, end);
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
