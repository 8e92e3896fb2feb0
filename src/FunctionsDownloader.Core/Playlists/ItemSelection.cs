using System.Globalization;
using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Playlists;

/// <summary>
/// Parses the <c>items</c> of a playlist download (<c>"1-10,15,20-25"</c>: 1-based positions and ranges)
/// and checks <c>start</c> and <c>end</c>. The service parses the selection itself and never hands it to
/// yt-dlp; every problem is a 400 naming the field.
/// </summary>
public static class ItemSelection
{
    private const int MaxTextLength = 10_000;

    // Nine digits is already far past any playlist; longer numbers are refused before parsing.
    private const int MaxDigits = 9;

    /// <summary>The ranges <paramref name="items"/> names, in ascending order.</summary>
    /// <exception cref="InvalidRequestException">The text is malformed, names position zero, has a reversed or
    /// overlapping range, or selects more than <paramref name="maxItems"/> items.</exception>
    public static IReadOnlyList<IndexRange> Parse(string items, int maxItems)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (string.IsNullOrWhiteSpace(items))
        {
            throw Invalid("'items' is empty; give positions and ranges such as \"1-10,15,20-25\", or leave it out.");
        }

        if (items.Length > MaxTextLength)
        {
            throw Invalid($"'items' is longer than {MaxTextLength} characters; use ranges such as \"1-200\".");
        }

        var ranges = new List<IndexRange>();
        foreach (string part in items.Split(','))
        {
            ranges.Add(ParsePart(part.Trim()));
        }

        ranges.Sort((a, b) => a.From.CompareTo(b.From));
        for (int i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].From <= ranges[i - 1].To)
            {
                throw Invalid(
                    $"'items' names position {ranges[i].From} more than once " +
                    $"({Show(ranges[i - 1])} and {Show(ranges[i])} overlap); list each position once.");
            }
        }

        long total = ranges.Sum(r => (long)r.Count);
        return total <= maxItems
            ? ranges
            : throw Invalid($"'items' selects {total} items; one download takes at most {maxItems}.");
    }

    /// <summary>The range <c>start</c>..<c>end</c> (1-based, both included; an open end is capped later).</summary>
    /// <exception cref="InvalidRequestException">A bound is below 1, <c>end</c> is before <c>start</c>, or the range
    /// holds more than <paramref name="maxItems"/> items.</exception>
    public static (int Start, int? End) CheckBounds(int? start, int? end, int maxItems)
    {
        if (start is < 1)
        {
            throw new InvalidRequestException("start", "'start' is a 1-based playlist position: 1 or more.");
        }

        if (end is < 1)
        {
            throw new InvalidRequestException("end", "'end' is a 1-based playlist position: 1 or more.");
        }

        int first = start ?? 1;
        if (end < first)
        {
            throw new InvalidRequestException("end", $"'end' ({end}) is before 'start' ({first}).");
        }

        return end is int last && (long)last - first + 1 > maxItems
            ? throw new InvalidRequestException(
                "end",
                $"'start' to 'end' selects {(long)last - first + 1} items; one download takes at most {maxItems}.")
            : (first, end);
    }

    private static IndexRange ParsePart(string part)
    {
        int dash = part.IndexOf('-', StringComparison.Ordinal);
        int from = Position(dash < 0 ? part : part[..dash].TrimEnd(), part);
        int to = dash < 0 ? from : Position(part[(dash + 1)..].TrimStart(), part);
        return to >= from
            ? new IndexRange(from, to)
            : throw Invalid($"'items' has the reversed range \"{Shorten(part)}\"; write it as \"{to}-{from}\".");
    }

    private static int Position(string text, string part)
    {
        if (text.Length == 0 || text.Length > MaxDigits || !text.All(char.IsAsciiDigit))
        {
            throw Invalid(
                $"'items' has \"{Shorten(part)}\", which is not a position or a range; " +
                "give 1-based positions and ranges such as \"1-10,15,20-25\".");
        }

        int value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value >= 1
            ? value
            : throw Invalid("'items' names position 0; playlist positions start at 1.");
    }

    private static string Show(IndexRange range) => range.From == range.To
        ? range.From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{range.From}-{range.To}");

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";

    private static InvalidRequestException Invalid(string message) => new("items", message);
}
