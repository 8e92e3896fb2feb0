using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FunctionsDownloader.Tests.Deployment;

/// <summary>
/// A compiled ARM template (what <c>bicep build</c> writes), read the way a reviewer would: its
/// resources whether listed or keyed by symbolic name, its modules as nested templates, and its
/// variable references spelled out so that a role id behind <c>variables('roles').x</c> can be seen.
/// </summary>
internal sealed partial class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public JsonObject Parameters => Root["parameters"]?.AsObject() ?? [];

    public JsonObject Variables => Root["variables"]?.AsObject() ?? [];

    public JsonObject Outputs => Root["outputs"]?.AsObject() ?? [];

    /// <summary>Every resource of the template (not of its modules).</summary>
    public IEnumerable<JsonObject> Resources => Root["resources"] switch
    {
        JsonArray list => list.Select(r => r!.AsObject()),
        JsonObject keyed => keyed.Select(r => r.Value!.AsObject()),
        _ => [],
    };

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The deployment of the module named <paramref name="name"/>.</summary>
    public JsonObject ModuleDeployment(string name) =>
        OfType("Microsoft.Resources/deployments").SingleOrDefault(d => (string?)d["name"] == name)
        ?? throw new InvalidOperationException($"The template has no module deployment named '{name}'.");

    /// <summary>The template of the module named <paramref name="name"/>.</summary>
    public ArmTemplate Module(string name) =>
        new(ModuleDeployment(name)["properties"]!["template"]!.AsObject());

    /// <summary>The value main passes to a module parameter (an expression or a literal).</summary>
    public JsonNode? ModuleParameter(string module, string parameter) =>
        ModuleDeployment(module)["properties"]!["parameters"]![parameter]?["value"];

    /// <summary>
    /// <paramref name="expression"/> with every <c>variables('x').y</c> replaced by its value; a
    /// reference indexed with <c>[copyIndex()]</c> gives one expression per element of the array.
    /// </summary>
    public IReadOnlyList<string> Expand(string expression)
    {
        Match match = VariableReference().Match(expression);
        if (!match.Success)
        {
            return [expression];
        }

        JsonNode? value = Variables[match.Groups["name"].Value];
        foreach (string property in match.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            value = value?[property];
        }

        IEnumerable<JsonNode?> values = match.Groups["each"].Success ? value!.AsArray() : new[] { value };
        return
        [
            .. values.SelectMany(v => Expand(
                expression[..match.Index] + Inline(v) + expression[(match.Index + match.Length)..])),
        ];
    }

    /// <summary>Evaluates an integer expression of <c>add</c>, <c>sub</c>, <c>div</c>, <c>mul</c>,
    /// <c>parameters('x')</c> and literals, with the given parameter values.</summary>
    public static int EvaluateInteger(string expression, IReadOnlyDictionary<string, int> parameters)
    {
        string text = expression.Trim();
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            text = text[1..^1];
        }

        int position = 0;
        int result = ParseInteger(text, ref position, parameters);
        return position == text.Length
            ? result
            : throw new FormatException($"Unexpected '{text[position..]}' in '{expression}'.");
    }

    private static string Inline(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue(out string? s) && s.StartsWith('[') && s.EndsWith(']') => s[1..^1],
        JsonValue v when v.TryGetValue(out string? s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        null => "null",
        _ => value.ToJsonString(),
    };

    private static int ParseInteger(string text, ref int position, IReadOnlyDictionary<string, int> parameters)
    {
        Match literal = IntegerLiteral().Match(text, position);
        if (literal.Success && literal.Index == position)
        {
            position += literal.Length;
            return int.Parse(literal.Value, CultureInfo.InvariantCulture);
        }

        Match parameter = ParameterReference().Match(text, position);
        if (parameter.Success && parameter.Index == position)
        {
            position += parameter.Length;
            return parameters[parameter.Groups["name"].Value];
        }

        Match call = FunctionStart().Match(text, position);
        if (!call.Success || call.Index != position)
        {
            throw new FormatException($"Cannot read '{text[position..]}'.");
        }

        position += call.Length;
        int left = ParseInteger(text, ref position, parameters);
        position = Expect(text, position, ", ");
        int right = ParseInteger(text, ref position, parameters);
        position = Expect(text, position, ")");
        return call.Groups["name"].Value switch
        {
            "add" => left + right,
            "sub" => left - right,
            "mul" => left * right,
            "div" => left / right,
            string other => throw new FormatException($"Unknown function '{other}'."),
        };
    }

    private static int Expect(string text, int position, string token) =>
        string.CompareOrdinal(text, position, token, 0, token.Length) == 0
            ? position + token.Length
            : throw new FormatException($"Expected '{token}' at {position} in '{text}'.");

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)(?<path>(\.[A-Za-z_][A-Za-z0-9_]*)*)(?<each>\[copyIndex\(\)\])?")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"-?\d+")]
    private static partial Regex IntegerLiteral();

    [GeneratedRegex(@"(?<name>[a-z]+)\(")]
    private static partial Regex FunctionStart();
}
