namespace DutyDesk.Platform.Results;

/// <summary>Field checks that read the same everywhere: the field's Chinese name and the reason.</summary>
public static class Check
{
    public static Error? Required(string field, string label, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Error.Validation(field, $"“{label}”不能为空。");
        }

        if (value.Trim().Length > maxLength)
        {
            return Error.Validation(field, $"“{label}”不能超过 {maxLength} 个字符（当前 {value.Trim().Length} 个）。");
        }

        // Line breaks and tabs belong in multi-line text; other control characters never do.
        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return Error.Validation(field, $"“{label}”含有不可见的控制字符。");
        }

        return null;
    }

    public static Error? Optional(string field, string label, string? value, int maxLength)
        => string.IsNullOrEmpty(value) ? null : Required(field, label, value, maxLength);

    /// <summary>The first failure of several checks, or null when all pass.</summary>
    public static Error? First(params Error?[] checks) => checks.FirstOrDefault(c => c is not null);
}
