using System.Globalization;
using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Playlists;

/// <summary>
/// Parses <c>date_after</c> and <c>date_before</c> of a channel download: <c>YYYYMMDD</c> (as yt-dlp writes
/// dates) or an ISO 8601 date (<c>2024-03-05</c>, or a date and time, which counts as its UTC day). Both
/// bounds are included.
/// </summary>
public static class ChannelDates
{
    private static readonly DateOnly Earliest = new(1900, 1, 1);
    private static readonly DateOnly Latest = new(2999, 12, 31);

    /// <summary>The date as <c>YYYYMMDD</c>, or <c>null</c> when <paramref name="value"/> is absent.</summary>
    /// <exception cref="InvalidRequestException">The value is not a real date in either form.</exception>
    public static string? Parse(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        string text = value.Trim();
        DateOnly? date = DateOnly.TryParseExact(text, ["yyyyMMdd", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out DateOnly day)
            ? day
            : text.Length > 10 && text[4] == '-' && DateTimeOffset.TryParse(
                text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset moment)
                ? DateOnly.FromDateTime(moment.UtcDateTime)
                : null;

        if (date is not { } parsed || parsed < Earliest || parsed > Latest)
        {
            throw new InvalidRequestException(
                field, $"'{field}' must be a date as YYYYMMDD or YYYY-MM-DD (for example 20240305), from 1900 on.");
        }

        return parsed.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    }

    /// <summary>Checks that the two bounds leave some days.</summary>
    /// <exception cref="InvalidRequestException">The first bound is later than the second.</exception>
    public static void CheckOrder(string? after, string? before)
    {
        if (after is not null && before is not null && string.CompareOrdinal(after, before) > 0)
        {
            throw new InvalidRequestException(
                "date_before", $"'date_before' ({before}) is earlier than 'date_after' ({after}); no video can match.");
        }
    }
}
