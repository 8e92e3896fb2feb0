namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>Keeps every request the webhook receiver got, per receiver name, in memory.</summary>
internal sealed class WebhookRecorder
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ReceivedWebhook>> _received = new(StringComparer.Ordinal);

    /// <summary>
    /// Records the request <paramref name="build"/> makes from the number of requests receiver
    /// <paramref name="name"/> had before it (how a receiver that fails N times decides), and returns it.
    /// </summary>
    public ReceivedWebhook Add(string name, Func<int, ReceivedWebhook> build)
    {
        lock (_gate)
        {
            if (!_received.TryGetValue(name, out var list))
            {
                list = [];
                _received[name] = list;
            }

            var webhook = build(list.Count);
            list.Add(webhook);
            return webhook;
        }
    }

    /// <summary>What receiver <paramref name="name"/> got so far, oldest first.</summary>
    public IReadOnlyList<ReceivedWebhook> Of(string name)
    {
        lock (_gate)
        {
            return _received.TryGetValue(name, out var list) ? [.. list] : [];
        }
    }
}
