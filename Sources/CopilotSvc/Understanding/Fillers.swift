/// Words that carry no metric, scope, time or intent: English function words and the everyday
/// verbs and nouns of asking. A question whose words are all explained or in this list is fully
/// understood; any other word left over is something the copilot did not understand, and it
/// asks rather than computes without it.
enum Fillers {
    static let words: Set<String> = {
        let text = """
            a an the this that these those there here it its it is itll itd ive im id youre were weve theyre
            i me my mine we us our ours ourselves you your yours they them their he she his her him
            is am are was were be been being do does did doing done have has had having get gets got getting gotten
            can could would should may might must shall please pls plz kindly thanks thank thx ty cheers
            what whats how hows when whens where wheres who whos whom whose which why
            and or but so then also too as at by for from in into of on onto to with within without about over under
            per across throughout during via vs versus than up out off basis
            all any each every some both either neither no not none only just even still yet already ever
            much many more most less least few lot lots bit little plenty
            total totals overall combined altogether whole entire sum summed aggregate aggregated cumulative gross
            number numbers figure figures stat stats statistic statistics metric metrics kpi kpis value values volume volumes tracking tracked
            really blended u ur owner mostly care deck slides presentation meeting boss manager client clients standup pixel pixels other first full complete
            data info information result report reporting reports summary snapshot overview update numbers
            performance perform performed performing did doing do done went go going gone
            show shows showed shown display give gives gave tell told let see seen look looks looking looked seem seems seemed check checking find found
            pull fetch bring list get grab run send need want wanna would like love know curious wondering wonder interested provide retrieve summarize summarise
            hey hi hello yo ok okay alright right well so sure quick question q quickly real briefly just basically actually
            now currently current recently lately today so far to date far
            mean means meaning roughly approximately approx around about exactly precisely
            time period periods range timeframe window span duration dates date day days
            our my the company team business brand account accounts wide level
            at in on for across among between
            like such again also including include included incl inclusive inclusively
            thing things stuff one ones some something anything everything
            was were been being happen happened happening
            generate generated bring brought make made
            how much many
            if whether because though although while unless else instead otherwise yes nope yeah
            drive drives drove driven driving come comes came coming bring brings brought generate generates generated generating
            produce produces produced deliver delivers delivered contribute contributes contributed put puts lookin looking
            like likely kind sort type doing been gotten happen happens went go goes
            guys folks team everyone someone anyone
            money dollars dollar usd eur euros bucks amount amounts
            main primary way esp especially detected spotted noticed moving
            sorry silly maybe perhaps possibly possible hope hoping place ask asking um uh umm er hmm think thought thats called
            call rush hurry single learning still basic ended ending back pacing calendar client clients flag picked pick
            """
        return Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }()
}
