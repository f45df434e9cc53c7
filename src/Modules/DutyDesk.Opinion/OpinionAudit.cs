namespace DutyDesk.Opinion;

/// <summary>The module's audit actions and the words the auditor reads; registered by AddOpinion.</summary>
internal static class OpinionAudit
{
    public const string SchemeCreate = "opinion.scheme.create";
    public const string SchemeUpdate = "opinion.scheme.update";
    public const string SourceCreate = "opinion.source.create";
    public const string SourceUpdate = "opinion.source.update";
    public const string SourceSecret = "opinion.source.secret";
    public const string ItemReport = "opinion.item.report";
    public const string ItemImport = "opinion.item.import";
    public const string ItemPush = "opinion.item.push";
    public const string ItemSentiment = "opinion.item.sentiment";
    public const string SentimentRetrain = "opinion.sentiment.retrain";
    public const string SentimentReset = "opinion.sentiment.reset";
    public const string GradingSave = "opinion.grading.save";
    public const string GradingReset = "opinion.grading.reset";
    public const string CaseOpen = "opinion.case.open";
    public const string CaseLevel = "opinion.case.level";
    public const string CaseStep = "opinion.case.step";
    public const string CaseAction = "opinion.case.action";
    public const string CaseTask = "opinion.case.task";
    public const string DutyCreate = "opinion.duty.create";
    public const string DutyUpdate = "opinion.duty.update";
    public const string DutyDelete = "opinion.duty.delete";
    public const string DutyGenerate = "opinion.duty.generate";
    public const string PeriodCreate = "opinion.period.create";
    public const string PeriodUpdate = "opinion.period.update";
    public const string PeriodDelete = "opinion.period.delete";
    public const string StatementSave = "opinion.statement.save";
    public const string StatementSubmit = "opinion.statement.submit";
    public const string StatementApprove = "opinion.statement.approve";
    public const string StatementReturn = "opinion.statement.return";
    public const string PublicationRecord = "opinion.publication.record";
    public const string ChannelSave = "opinion.channel.save";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [SchemeCreate] = "新建监测方案",
        [SchemeUpdate] = "修改监测方案",
        [SourceCreate] = "新建信息源",
        [SourceUpdate] = "修改信息源",
        [SourceSecret] = "生成推送密钥",
        [ItemReport] = "人工报送舆情信息",
        [ItemImport] = "导入舆情信息",
        [ItemPush] = "接收推送的舆情信息",
        [ItemSentiment] = "更正情感倾向",
        [SentimentRetrain] = "再训练本单位情感模型",
        [SentimentReset] = "恢复默认情感模型",
        [GradingSave] = "修改舆情分级标准",
        [GradingReset] = "恢复继承的舆情分级标准",
        [CaseOpen] = "开启舆情事件处置",
        [CaseLevel] = "确认或调整舆情事件级别",
        [CaseStep] = "推进舆情处置步骤",
        [CaseAction] = "记录处置措施",
        [CaseTask] = "布置线下处置任务",
        [DutyCreate] = "新增值班班次",
        [DutyUpdate] = "修改值班班次",
        [DutyDelete] = "删除值班班次",
        [DutyGenerate] = "生成排班",
        [PeriodCreate] = "新增敏感时期",
        [PeriodUpdate] = "修改敏感时期",
        [PeriodDelete] = "取消敏感时期",
        [StatementSave] = "起草或修改通稿",
        [StatementSubmit] = "通稿送审",
        [StatementApprove] = "审定通稿",
        [StatementReturn] = "退回通稿",
        [PublicationRecord] = "登记通稿发布",
        [ChannelSave] = "维护发布渠道",
    };
}
