using System.Globalization;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Media;

/// <summary>
/// Decides whether a downloaded file is what the request asked for, from ffprobe's view of it:
/// yt-dlp can exit 0 and leave an HTML page, a body cut short, an empty clip or a few seconds of a
/// live stream. A file that fails here is never stored; the job fails with <c>invalid_output</c>.
/// </summary>
public static class OutputVerifier
{
    // A file may lose a few packets at the very end (the last GOP of a clip); a cut file loses many.
    private const double MinimumPacketShare = 0.97;

    /// <summary>Checks <paramref name="probe"/> of a file with extension <paramref name="extension"/>.</summary>
    /// <param name="probe">What ffprobe read.</param>
    /// <param name="options">What the caller asked for.</param>
    /// <param name="extension">The file's extension, without the dot.</param>
    /// <param name="parts">The formats yt-dlp downloaded, as the resolve step saw them.</param>
    /// <param name="expectedDuration">The media's duration as the site gave it, or a clip's length.</param>
    /// <param name="exact">Whether the file must last <paramref name="expectedDuration"/> (a clip), not just come close to it.</param>
    /// <exception cref="MediaToolException">The file is not the requested media (<c>invalid_output</c>).</exception>
    public static void Verify(
        ProbeResult probe,
        DownloadOptions options,
        string extension,
        IReadOnlyList<MediaPart> parts,
        double? expectedDuration,
        bool exact = false)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parts);

        if (probe.Duration is not > 0)
        {
            throw Invalid("The downloaded file has no duration; it is not playable media.");
        }

        string wanted = options.AudioOnly ? options.AudioFormat : options.VideoFormat;
        if (!string.Equals(extension, wanted, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"The downloaded file is {extension}, not the {wanted} that was asked for.");
        }

        if (options.AudioOnly)
        {
            if (!probe.HasAudio || probe.HasVideo)
            {
                throw Invalid("The downloaded file is not audio only.");
            }
        }
        else
        {
            if (!probe.HasVideo)
            {
                throw Invalid("The downloaded file has no video stream.");
            }

            if (parts.Any(p => p.HasAudio == true) && !probe.HasAudio)
            {
                throw Invalid("The downloaded file lost its audio stream.");
            }
        }

        foreach (MediaStreamInfo stream in probe.Streams.Where(s => !s.IsAttachedPicture && s.CodecType is "video" or "audio"))
        {
            if (stream.DeclaredFrames is > 0 and long declared && stream.ReadPackets is long read &&
                read < declared * MinimumPacketShare)
            {
                throw Invalid(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The downloaded file is cut short: its {stream.CodecType} has {read} of {declared} packets."));
            }
        }

        if (exact && expectedDuration is > 0 and double clip &&
            Math.Abs(probe.Duration!.Value - clip) > Math.Max(1, clip * 0.1))
        {
            throw Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"The clip lasts {probe.Duration:0.#} s instead of the {clip:0.#} s asked for."));
        }

        if (expectedDuration is > 0 and double expected && probe.Duration < (expected * 0.9) - 1)
        {
            throw Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"The downloaded file lasts {probe.Duration:0.#} s of the {expected:0.#} s the site announced."));
        }
    }

    private static MediaToolException Invalid(string message) =>
        new(ToolLocator.Ffprobe, 0, ErrorCodes.InvalidOutput, message);
}
