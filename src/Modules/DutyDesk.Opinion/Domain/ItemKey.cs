using System.Security.Cryptography;
using System.Text;

namespace DutyDesk.Opinion.Domain;

/// <summary>
/// The unique key of an item within its unit, so the same post is stored once however often it arrives:
/// the source's own id for it, else its canonical URL, else the hash of its folded text.
/// </summary>
internal static class ItemKey
{
    private static readonly string[] TrackingPrefixes = ["utm_", "spm", "from", "share_", "wfr", "vd_source", "isappinstalled"];

    public static string For(Guid sourceId, string? externalId, string? url, string folded)
    {
        if (!string.IsNullOrWhiteSpace(externalId))
        {
            var id = externalId.Trim();
            var key = $"id:{sourceId:N}:{id}";
            return key.Length <= Item.KeyMaxLength ? key : $"id:{sourceId:N}:sha256:{Hash(id)}";
        }

        if (CanonicalUrl(url) is { } canonical)
        {
            var key = "url:" + canonical;
            return key.Length <= Item.KeyMaxLength ? key : "url:sha256:" + Hash(canonical);
        }

        return "hash:" + Hash(folded);
    }

    /// <summary>
    /// http(s) URL with lower-case scheme and host, no default port, no fragment, no tracking parameters and the
    /// remaining query parameters sorted; null for anything that is not an absolute http(s) URL.
    /// </summary>
    public static string? CanonicalUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var query = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !TrackingPrefixes.Any(t => p.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : "";
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port;
        return $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}{port}{path}{(query.Count > 0 ? "?" + string.Join('&', query) : "")}";
    }

    /// <summary>The host a post was found on, without "www." and "m." (the same site on phones).</summary>
    public static string SiteOf(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return "";
        }

        var host = uri.Host.ToLowerInvariant();
        foreach (var prefix in (string[])["www.", "m.", "wap."])
        {
            if (host.StartsWith(prefix, StringComparison.Ordinal) && host.Count(c => c == '.') > 1)
            {
                return host[prefix.Length..];
            }
        }

        return host;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
