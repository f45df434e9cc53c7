namespace DutyDesk.Responsibility;

/// <summary>The module's audit actions and the words the auditor reads; registered by AddResponsibility.</summary>
internal static class ResponsibilityAudit
{
    public const string ObligationAdopt = "responsibility.obligation.adopt";
    public const string ObligationCreate = "responsibility.obligation.create";
    public const string ObligationUpdate = "responsibility.obligation.update";
    public const string ListCreate = "responsibility-list.create";
    public const string ListItemAdd = "responsibility-list.item-add";
    public const string ListItemUpdate = "responsibility-list.item-update";
    public const string ListItemDelete = "responsibility-list.item-delete";
    public const string ListItemNote = "responsibility-list.item-note";
    public const string ListItemEvidence = "responsibility-list.item-evidence";
    public const string ListItemComplete = "responsibility-list.item-complete";
    public const string ListExport = "responsibility-list.export";
    public const string LetterTemplateUpdate = "responsibility.letter.template-update";
    public const string LetterCreate = "responsibility.letter.create";
    public const string LetterEdit = "responsibility.letter.edit";
    public const string LetterSigners = "responsibility.letter.signers";
    public const string LetterIssue = "responsibility.letter.issue";
    public const string LetterSupersede = "responsibility.letter.supersede";
    public const string LetterSign = "responsibility.letter.sign";
    public const string LetterExport = "responsibility.letter.export";
    public const string MeetingCreate = "responsibility.meeting.create";
    public const string MeetingUpdate = "responsibility.meeting.update";
    public const string MeetingAttachment = "responsibility.meeting.attachment";
    public const string MeetingDecision = "responsibility.meeting.decision";
    public const string MeetingPositions = "responsibility.meeting.positions";
    public const string MeetingSatisfyTask = "responsibility.meeting.satisfy-task";
    public const string AssessmentCompute = "responsibility.assessment.compute";
    public const string AssessmentAdjust = "responsibility.assessment.adjust";
    public const string AssessmentMeasure = "responsibility.assessment.measure";
    public const string AssessmentConfirm = "responsibility.assessment.confirm";
    public const string AccountabilityCreate = "responsibility.accountability.create";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [ObligationAdopt] = "启用默认制度性要求",
        [ObligationCreate] = "新增制度性要求",
        [ObligationUpdate] = "修改制度性要求",
        [ListCreate] = "新建责任清单",
        [ListItemAdd] = "新增责任清单条目",
        [ListItemUpdate] = "修改责任清单条目",
        [ListItemDelete] = "删除责任清单条目",
        [ListItemNote] = "记录清单条目进展",
        [ListItemEvidence] = "上传清单条目佐证",
        [ListItemComplete] = "完成责任清单条目",
        [ListExport] = "导出责任清单",
        [LetterTemplateUpdate] = "修改责任书模板",
        [LetterCreate] = "新建责任书",
        [LetterEdit] = "修改责任书草稿",
        [LetterSigners] = "调整责任书签署人",
        [LetterIssue] = "签发责任书",
        [LetterSupersede] = "修订责任书",
        [LetterSign] = "签署责任书",
        [LetterExport] = "导出责任书",
        [MeetingCreate] = "新建会议记录",
        [MeetingUpdate] = "修改会议记录",
        [MeetingAttachment] = "上传会议附件",
        [MeetingDecision] = "记录会议决策",
        [MeetingPositions] = "记录决策表态",
        [MeetingSatisfyTask] = "以会议办结待办",
        [AssessmentCompute] = "计算年度考核得分",
        [AssessmentAdjust] = "调整年度考核得分",
        [AssessmentMeasure] = "确定考核处理措施",
        [AssessmentConfirm] = "确定年度考核结果",
        [AccountabilityCreate] = "登记责任追究",
    };
}
