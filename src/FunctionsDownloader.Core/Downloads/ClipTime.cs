using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// Clip boundaries: seconds as a number (<c>90</c>, <c>2.5</c>) or a string (<c>"90"</c>,
/// <c>"1:30"</c>, <c>"01:02:03.250"</c>), non-negative, at most <see cref="MaxSeconds"/>, kept to the
/// millisecond. The service writes them for yt-dlp itself (<see cref="Format"/>).
/// </summary>
public static partial class ClipTime
{
    /// <summary>The latest time accepted: 99:59:59.999.</summary>
    public const double MaxSeconds = 359_999.999;

    /// <summary>The shortest clip accepted, in seconds (anything shorter holds no frame).</summary>
    public const double MinLength = 0.1;

    private const string Forms = "seconds (a number such as 90 or 2.5) or a time such as \"1:30\" or \"00:01:30.500\"";

    /// <summary>
    /// The time in seconds, <c>null</c> when absent, or an <see cref="InvalidRequestException"/>
    /// naming <paramref name="field"/>.
    /// </summary>
    public static double? Parse(JsonElement? value, string field)
    {
        if (value is not JsonElement element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        double seconds = element.ValueKind switch
        {
            JsonValueKind.Number when element.TryGetDouble(out double number) && double.IsFinite(number) => number,
            JsonValueKind.String => FromText(element.GetString() ?? "", field),
            _ => throw new InvalidRequestException(field, $"'{field}' must be {Forms}."),
        };

        if (seconds < 0)
        {
            throw new InvalidRequestException(field, $"'{field}' must not be negative.");
        }

        if (seconds > MaxSeconds)
        {
            throw new InvalidRequestException(field, $"'{field}' must not be later than 99:59:59.999.");
        }

        return Math.Round(seconds, 3, MidpointRounding.AwayFromZero);
    }

    /// <summary>The time as yt-dlp's <c>--download-sections</c> reads it (<c>2.5</c>).</summary>
    public static string Format(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The time for people: <c>1:02:03.25</c>, <c>4.5 s</c>.</summary>
    public static string Describe(double seconds)
    {
        var time = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return time.TotalMinutes < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###} s")
            : time.ToString(time.TotalHours < 1 ? @"m\:ss\.FFF" : @"h\:mm\:ss\.FFF", CultureInfo.InvariantCulture)
                .TrimEnd('.');
    }

    private static double FromText(string text, string field)
    {
        Match match = TimeText().Match(text);
        if (!match.Success)
        {
            throw text.TrimStart().StartsWith('-')
                ? new InvalidRequestException(field, $"'{field}' must not be negative.")
                : new InvalidRequestException(field, $"'{field}' must be {Forms}.");
        }

        double hours = Part(match, "h");
        double minutes = Part(match, "m");
        double seconds = double.Parse(
            match.Groups["s"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if ((match.Groups["m"].Success && seconds >= 60) || (match.Groups["h"].Success && minutes >= 60))
        {
            throw new InvalidRequestException(
                field, $"'{field}' has minutes or seconds of 60 or more; write it as {Forms}.");
        }

        return (hours * 3600) + (minutes * 60) + seconds;
    }

    private static double Part(Match match, string group) =>
        match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    // [[H]H:]MM:SS(.mmm) or plain seconds with up to three decimals; no signs, no spaces.
    [GeneratedRegex(
        @"^(?:(?:(?<h>[0-9]{1,2}):)?(?<m>[0-9]{1,2}):)?(?<s>[0-9]{1,6}(?:\.[0-9]{1,3})?)\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex TimeText();
}
