using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Features.Letters;

/// <summary>The editable fields of a template or a draft, bound by <see cref="LetterContentEditor"/>.</summary>
public sealed class LetterContentForm
{
    public string Title { get; set; } = "";

    public string Header { get; set; } = "";

    public string Responsibilities { get; set; } = "";

    public string Accountability { get; set; } = "";

    public string Assessment { get; set; } = "";

    public string Closing { get; set; } = "";

    public static LetterContentForm From(LetterContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new()
        {
            Title = content.Title,
            Header = content.Header,
            Responsibilities = content.Responsibilities,
            Accountability = content.Accountability,
            Assessment = content.Assessment,
            Closing = content.Closing,
        };
    }

    public LetterContent ToContent() => new(Title, Header, Responsibilities, Accountability, Assessment, Closing);
}

/// <summary>One line of the signer picker: a candidate, whether chosen, and the post on their copy.</summary>
public sealed class SignerChoice
{
    public required SignerCandidate Candidate { get; init; }

    public bool Chosen { get; set; }

    public string Post { get; set; } = "";

    /// <summary>An id for the page's elements: user names may hold dots, which CSS selectors read as classes.</summary>
    public string ElementKey => Candidate.UserName.Replace('.', '-').Replace('@', '-');

    public static List<SignerChoice> For(IEnumerable<SignerCandidate> candidates, IEnumerable<(Guid UserId, string Post)> chosen)
    {
        var posts = chosen.ToDictionary(c => c.UserId, c => c.Post);
        return candidates.Select(c => new SignerChoice
        {
            Candidate = c,
            Chosen = posts.ContainsKey(c.UserId),
            Post = posts.GetValueOrDefault(c.UserId) ?? c.SuggestedPost,
        }).ToList();
    }

    public static List<SignerInput> Inputs(IEnumerable<SignerChoice> choices) => choices.Where(c => c.Chosen).Select(c => new SignerInput(c.Candidate.UserId, c.Post)).ToList();
}
