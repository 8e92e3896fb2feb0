using System.Globalization;
using System.Text;

namespace FunctionsDownloader.Media;

/// <summary>Titles as sites give them, made safe to show: no control or invisible format characters, bounded length.</summary>
public static class MediaTitle
{
    private const int MaxLength = 500;

    /// <summary>The cleaned title; <c>download</c> when nothing is left.</summary>
    public static string Clean(string? title)
    {
        var builder = new StringBuilder();
        foreach (Rune rune in (title ?? "").EnumerateRunes())
        {
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                builder.Append(' ');
            }
            else if (category is not UnicodeCategory.Format || rune.Value == 0x200D)
            {
                builder.Append(rune.ToString());
            }

            if (builder.Length >= MaxLength)
            {
                break;
            }
        }

        string cleaned = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length == 0 ? "download" : cleaned;
    }
}
