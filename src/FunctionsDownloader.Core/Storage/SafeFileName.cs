using System.Globalization;
using System.Text;

namespace FunctionsDownloader.Storage;

/// <summary>
/// File names built from media titles: Unicode and emoji kept; path separators, control,
/// format (bidi override, zero-width) and Windows-reserved characters removed; reserved device
/// names avoided; bounded in UTF-8 bytes without splitting a character.
/// </summary>
public static class SafeFileName
{
    /// <summary>The largest name in UTF-8 bytes, extension included.</summary>
    public const int MaxBytes = 200;

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>A safe file name for <paramref name="title"/> with extension <paramref name="extension"/> (no dot).</summary>
    public static string FromTitle(string? title, string extension)
    {
        string ext = new((extension ?? "").Where(char.IsAsciiLetterOrDigit).Take(10).ToArray());
        string suffix = ext.Length > 0 ? "." + ext.ToLowerInvariant() : "";
        string stem = Clean(title ?? "");
        if (stem.Length == 0)
        {
            stem = "download";
        }

        if (ReservedNames.Contains(stem) || ReservedNames.Contains(stem.Split('.')[0]))
        {
            stem = "_" + stem;
        }

        int budget = MaxBytes - Encoding.UTF8.GetByteCount(suffix);
        stem = TruncateUtf8(stem, budget).TrimEnd(' ', '.');
        return (stem.Length == 0 ? "download" : stem) + suffix;
    }

    /// <summary>An ASCII-only fallback of <paramref name="fileName"/> for old clients.</summary>
    public static string AsciiFallback(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);

        string decomposed = fileName.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is >= ' ' and <= '~' && c is not '"' and not '\\' ? c : '_');
        }

        string collapsed = CollapseUnderscores(builder.ToString());
        return collapsed.Trim('_', ' ').Length == 0 ? "download" + Path.GetExtension(fileName) : collapsed;
    }

    private static string Clean(string title)
    {
        var builder = new StringBuilder(title.Length);
        foreach (Rune rune in title.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            bool drop = category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator;
            if (drop && !IsEmojiJoiner(rune))
            {
                continue;
            }

            if (rune.IsAscii && "/\\:*?\"<>|".Contains((char)rune.Value, StringComparison.Ordinal))
            {
                builder.Append(' ');
                continue;
            }

            builder.Append(Rune.IsWhiteSpace(rune) ? " " : rune.ToString());
        }

        string collapsed = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));

        // No leading dots or spaces (hidden files, ".." look-alikes), no trailing ones (Windows drops them).
        return collapsed.Trim(' ', '.');
    }

    // Zero-width joiner and variation selectors hold emoji sequences together; bidi controls
    // (U+202A–U+202E, U+2066–U+2069) and other format characters are still dropped.
    private static bool IsEmojiJoiner(Rune rune) => rune.Value is 0x200D or (>= 0xFE00 and <= 0xFE0F);

    private static string TruncateUtf8(string value, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(value) <= maxBytes)
        {
            return value;
        }

        var builder = new StringBuilder();
        int used = 0;
        TextElementEnumerator elements = StringInfo.GetTextElementEnumerator(value);
        while (elements.MoveNext())
        {
            string element = elements.GetTextElement();
            int size = Encoding.UTF8.GetByteCount(element);
            if (used + size > maxBytes)
            {
                break;
            }

            builder.Append(element);
            used += size;
        }

        return builder.ToString();
    }

    private static string CollapseUnderscores(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
