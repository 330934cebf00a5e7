#!/usr/bin/env python3
"""Writes the oracle's test corpus: corpus.json (CSL-JSON, as Zotero exports
it) and corpus.bib (the same works as BibTeX/BibLaTeX, with LaTeX accents).
The works are invented; their shapes are those of real exports. Run it after
changing the corpus here, then run oracle.py; citations.md and
docs/citations.md name differences by id and citation number."""
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
R=[]
def P(f,g,part=None):
    d={"family":f,"given":g}
    if part: d["non-dropping-particle"]=part
    return d
def L(x): return {"literal":x}
def D(*p): return {"date-parts":[[str(p[0])]+list(p[1:])]}
def add(**k):
    k=dict(k)
    r={"id":k.pop("id"),"type":k.pop("type")}
    for a,b in k.items(): r[a.replace('_','-') if a not in("DOI","URL","ISBN","ISSN") else a]=b
    R.append(r)
fam=["Jansen","de Vries","van den Berg","Bakker","Visser","Smit","Meijer","de Boer","Mulder","de Groot","Bos","Vos","Peters","Hendriks","van Leeuwen","Dekker","Brouwer","de Wit","Dijkstra","Smits","de Graaf","van der Meer","Kok","Jacobs","de Haan"]
giv=["Anna","Pieter","Maria","Johannes","Els","Karel","Sanne","Thomas","Lotte","Daan","Iris","Ruben","Fleur","Bram","Noor","Lars","Eva","Sem","Julia","Finn","Roos","Milan","Tess","Luuk","Zoë"]
def person(i):
    f=fam[i%len(fam)]
    part=None
    for p in ("van der ","van den ","de "):
        if f.startswith(p): part=p.strip(); f=f[len(p):]
    return P(f,giv[i%len(giv)],part)
J=[("Tijdschrift voor Gezondheidswetenschappen","10.1007/s12508"),("Huisarts en Wetenschap","10.1007/s12445"),("Nederlands Tijdschrift voor Geneeskunde",None),("BMC Health Services Research","10.1186/s12913"),("Patient Education and Counseling","10.1016/j.pec"),("International Journal of Integrated Care","10.5334/ijic")]
# journal articles, 1..8 authors
titles=["Zelfmanagement bij diabetes type 2: een systematische review","Ondersteuning van zelfmanagement in de eerste lijn","Effects of self-management interventions in chronic heart failure","Persoonsgerichte zorg in de praktijk: ervaringen van verpleegkundigen","Shared decision making and self-management: A qualitative study","Eigen regie bij COPD: wat vinden patiënten belangrijk?","The role of the practice nurse in self-management support","Digitale zorg en zelfmanagement bij ouderen","Health literacy and self-management in chronic disease","Zelfmanagement bij reumatoïde artritis","Motivational interviewing in primary care: A randomized trial","Leefstijlinterventies in de wijk"]
for i,t in enumerate(titles):
    n=[1,2,3,4,5,6,7,2,3,1,8,2][i]
    j,doi=J[i%len(J)]
    r=dict(id=f"art{i+1}",type="article-journal",title=t,container_title=j,author=[person(i*3+k) for k in range(n)],issued=D(2010+i),volume=str(10+i),page=f"{100+i*7}-{110+i*7}")
    if j in ("BMC Health Services Research","Patient Education and Counseling","International Journal of Integrated Care"): r["language"]="en-GB"
    elif i%2==0: r["language"]="nl"
    if i%3!=2: r["issue"]=str(1+i%4)
    if doi: r["DOI"]=f"{doi}-{2010+i}-{i:04d}-{i%7}"
    if i%4==1: r["ISSN"]="1388-7491"
    if i%5==0: r["journalAbbreviation"]="Tijdschr Gezondheidswet"
    if i%4==0: r["note"]="Gelezen voor hoofdstuk 2; PMID niet bekend"
    if i%6==1: r["accessed"]={"date-parts":[["2024","3","1"]]}
    add(**r)
# article with article number, no pages
add(id="art13",type="article-journal",title="Self-management support for people with multimorbidity",container_title="BMJ Open",author=[P("Rijken","Mieke"),P("Heijmans","Monique")],issued=D(2021,4,2),volume="11",issue="4",page="e042367",DOI="10.1136/bmjopen-2020-042367")
# 21 authors and 25 authors
add(id="art14",type="article-journal",title="A core outcome set for self-management interventions",container_title="Patient Education and Counseling",author=[person(k) for k in range(21)],issued=D(2019),volume="102",issue="9",page="1599-1606",DOI="10.1016/j.pec.2019.04.001")
add(id="art15",type="article-journal",title="Self-management across Europe: a multinational cohort",container_title="The Lancet Public Health",author=[person(k+3) for k in range(25)],issued=D(2022),volume="7",issue="1",page="e12-e20",DOI="10.1016/S2468-2667(21)00250-3")
# disambiguation: Smit 2017a/2017b (same single author), Smit, Jansen et al 2020 vs Smit, Bakker et al 2020
add(id="smit2017a",type="article-journal",title="Zelfmanagement en gezondheidsvaardigheden",container_title="Huisarts en Wetenschap",author=[P("Smit","Anna")],issued=D(2017),volume="60",issue="2",page="70-74")
add(id="smit2017b",type="article-journal",title="Eigen regie in de wijkverpleging",container_title="Huisarts en Wetenschap",author=[P("Smit","Anna")],issued=D(2017),volume="60",issue="9",page="460-465")
add(id="smit2020a",type="article-journal",title="Coaching van zelfmanagement door praktijkondersteuners",container_title="Tijdschrift voor Gezondheidswetenschappen",author=[P("Smit","Anna"),P("Jansen","Pieter"),P("Vos","Eva")],issued=D(2020),volume="98",issue="3",page="80-86",DOI="10.1007/s12508-020-00260-1")
add(id="smit2020b",type="article-journal",title="Zelfmanagement in de ggz",container_title="Tijdschrift voor Gezondheidswetenschappen",author=[P("Smit","Anna"),P("Bakker","Daan"),P("Vos","Eva")],issued=D(2020),volume="98",issue="5",page="140-146",DOI="10.1007/s12508-020-00270-7")
# same first author surname, different initials
add(id="visser2018",type="article-journal",title="Samen beslissen in de spreekkamer",container_title="Medisch Contact",author=[P("Visser","Karel")],issued=D(2018),volume="73",issue="12",page="22-25")
add(id="visser2019",type="article-journal",title="Zorgpaden voor kwetsbare ouderen",container_title="Medisch Contact",author=[P("Visser","Lotte")],issued=D(2019),volume="74",issue="3",page="30-33")
# books
add(id="book1",type="book",title="Zelfmanagement: theorie en praktijk",author=[P("Lorig","Kate"),P("Holman","Halsted")],issued=D(2016),edition="3",publisher="Bohn Stafleu van Loghum",publisher_place="Houten",ISBN="978-90-368-1234-5")
add(id="book2",type="book",title="Persoonsgerichte zorg",author=[P("Berg","Marc","van den")],issued=D(2019),publisher="Boom",ISBN="978-90-244-0000-1")
add(id="book3",type="book",title="Handboek chronische zorg",editor=[P("Vries","Karin","de"),P("Bakker","Lars")],issued=D(2018),edition="2",publisher="Van Gorcum",publisher_place="Assen")
add(id="book4",type="book",title="Chronic illness care: Principles and practice",editor=[P("Daaleman","Timothy"),P("Helton","Margaret")],issued=D(2018),publisher="Springer",DOI="10.1007/978-3-319-71812-5")
add(id="book5",type="book",title="Gezondheid en zelfmanagement",author=[P("Öztürk","Ayşe")],issued=D(2015),publisher="Coutinho")
add(id="book6",type="book",title="Eigen regie",author=[P("Çelik","Emre")],issued=D(2020),publisher="Boom")
add(id="book7",type="book",title="Zelfzorg",issued=D(2015),publisher="Boom")
add(id="book8",type="book",title="De patiënt als partner",author=[P("Wagner","Edward")],issued=D(2014),publisher="Springer",collection_title="Reeks Zorg",collection_number="12")
add(id="book9",type="book",title="Zorg in de buurt",author=[P("Aalst","Inge","van")],issued=D(2021),publisher="Boom")
add(id="book10",type="book",title="Ademhalen",author=[P("Aarts","Hanneke")],issued=D(2012),publisher="Prometheus")
# chapters
for i,(t,eds) in enumerate([("Zelfmanagement bij hartfalen",1),("Ondersteuning in de wijk",2),("Diabetes en leefstijl",3),("De rol van mantelzorgers",2),("Self-management in primary care",1),("Technologie en eigen regie",2)]):
    add(id=f"chap{i+1}",type="chapter",title=t,author=[person(i*5+2+k) for k in range(1+i%3)],editor=[person(i*2+10+k) for k in range(eds)],container_title=["Handboek chronische zorg","Zorg dichtbij","Leefstijlgeneeskunde","Mantelzorg in Nederland","Primary care in Europe","Digitale zorg"][i],issued=D(2011+i),page=f"{20+i*30}-{45+i*30}",publisher=["Van Gorcum","Boom","Bohn Stafleu van Loghum","SCP","Springer","Boom"][i],**({"edition":"2"} if i==0 else {}),**({"DOI":"10.1007/978-3-030-00000-0_4"} if i==4 else {}))
# reports with institutional author and number
add(id="vws2008",type="report",title="Programma zelfmanagement",author=[L("Ministerie van VWS")],publisher="Ministerie van VWS",issued=D(2008),number="PG/ZP 2.845.123")
add(id="vws2009",type="report",title="Visie gezondheid en preventie",author=[L("Ministerie van VWS")],publisher="Rijksoverheid",issued=D(2009))
add(id="rivm2018",type="report",title="Volksgezondheid Toekomst Verkenning 2018",author=[L("RIVM")],publisher="Rijksinstituut voor Volksgezondheid en Milieu",issued=D(2018),number="2018-0031",URL="https://www.vtv2018.nl")
add(id="nivel2016",type="report",title="Zelfmanagement in de eerste lijn: monitor 2016",author=[P("Heijmans","Monique"),P("Rijken","Mieke")],publisher="Nivel",publisher_place="Utrecht",issued=D(2016),URL="https://www.nivel.nl/monitor2016")
add(id="scp2020",type="report",title="Mantelzorg in beeld",author=[L("Sociaal en Cultureel Planbureau")],publisher="SCP",issued=D(2020),number="2020-12")
add(id="zonmw2017",type="report",title="Programma Diseasemanagement Chronische Ziekten: eindrapport",author=[L("ZonMw")],publisher_place="Den Haag",issued=D(2017))
add(id="gr2019",type="report",title="Zelfmanagement en eigen regie",author=[L("Gezondheidsraad")],issued=D(2019),number="2019/12",URL="https://www.gezondheidsraad.nl/zelfmanagement")
add(id="who2013",type="report",title="Health literacy: The solid facts",author=[L("World Health Organization")],publisher="WHO Regional Office for Europe",issued=D(2013),ISBN="978-92-890-0015-4")
add(id="vilans2014",type="report",title="White paper persoonsgerichte zorg",author=[L("Vilans")],issued=D(2014,10),URL="https://www.vilans.nl/whitepaper")
add(id="rapport-zonder-datum",type="report",title="Zorgstandaard zelfmanagement",author=[L("Zorgstandaarden Nederland")],publisher="Nederlandse Diabetes Federatie")
# web pages
add(id="web1",type="webpage",title="Wat is zelfmanagement?",author=[L("Vilans")],container_title="Vilans",issued=D(2023,3,15),URL="https://www.vilans.nl/zelfmanagement")
add(id="web2",type="webpage",title="Leven met een chronische ziekte",author=[L("Thuisarts")],container_title="Thuisarts.nl",issued=D(2022,11,2),URL="https://www.thuisarts.nl/chronisch")
add(id="web3",type="webpage",title="Eigen regie in de zorg",author=[P("Meijer","Sanne")],container_title="Zorgvisie",issued=D(2021,6),URL="https://www.zorgvisie.nl/eigen-regie")
add(id="web4",type="webpage",title="Samen beslissen",author=[L("Patiëntenfederatie Nederland")],container_title="Patiëntenfederatie.nl",issued=D(2020),URL="https://www.patientenfederatie.nl/samen-beslissen")
add(id="web5",type="webpage",title="Zelfmanagementondersteuning",container_title="Zorg voor Beter",issued=D(2019,5,20),URL="https://www.zorgvoorbeter.nl/zelfmanagement")
add(id="web6",type="webpage",title="Chronische ziekten in cijfers",author=[L("Volksgezondheidenzorg.info")],issued=D(2024,1,8),URL="https://www.vzinfo.nl/chronische-ziekten")
# datasets
add(id="data1",type="dataset",title="Nationaal Panel Chronisch zieken en Gehandicapten 2019",author=[L("Nivel")],publisher="DANS",issued=D(2020),DOI="10.17026/dans-xyz-abcd",version="2")
add(id="data2",type="dataset",title="Gezondheidsmonitor Volwassenen en Ouderen 2020",author=[L("CBS"),L("RIVM")],publisher="Centraal Bureau voor de Statistiek",issued=D(2021),URL="https://www.cbs.nl/gezondheidsmonitor")
add(id="data3",type="dataset",title="Self-management outcomes in COPD",author=[P("Dekker","Bram"),P("Kok","Roos")],publisher="Zenodo",issued=D(2022),DOI="10.5281/zenodo.1234567")
# theses
add(id="thesis1",type="thesis",title="Zelfmanagement bij mensen met diabetes type 2",author=[P("Mulder","Iris")],genre="Proefschrift",publisher="Universiteit Utrecht",issued=D(2018),URL="https://dspace.library.uu.nl/handle/1874/12345")
add(id="thesis2",type="thesis",title="Self-management support in general practice",author=[P("Graaf","Roos","de")],genre="Proefschrift",publisher="Radboud Universiteit",issued=D(2016))
add(id="thesis3",type="thesis",title="Eigen regie van ouderen thuis",author=[P("Hendriks","Noor")],genre="Masterscriptie",publisher="Universiteit van Amsterdam",issued=D(2021))
# conference papers
add(id="conf1",type="paper-conference",title="Zelfmanagement met e-health: eerste resultaten",author=[P("Bos","Ruben"),P("Peters","Fleur")],container_title="Proceedings NVMO-congres 2019",publisher="NVMO",page="33-40",issued=D(2019))
add(id="conf2",type="paper-conference",title="Self-management support by nurses: A pilot",author=[P("Brouwer","Tess")],container_title="Proceedings of the European Nursing Conference",publisher="ENDA",issued=D(2020),DOI="10.1234/enc.2020.15")
add(id="conf3",type="paper-conference",title="Persoonsgerichte zorg in de praktijk",author=[P("Dijkstra","Julia"),P("Smits","Milan"),P("Jacobs","Luuk")],container_title="Verslag van het Congres Eerstelijnszorg",publisher="NHG",page="12-19",issued=D(2018))
# government and legal
add(id="wet2015",type="legislation",title="Wet maatschappelijke ondersteuning 2015",issued=D(2014,7,9),container_title="Staatsblad",number="2014, 280")
add(id="kamer2018",type="report",title="Kamerbrief over zelfmanagement en eigen regie",author=[L("Tweede Kamer der Staten-Generaal")],publisher="Sdu",issued=D(2018),number="Kamerstuk 29689, nr. 912")
add(id="vws-brief",type="document",title="Beleidsbrief chronische zorg",author=[L("Ministerie van VWS")],issued=D(2010),publisher="Rijksoverheid")
add(id="rvs2017",type="report",title="Zonder context geen bewijs",author=[L("Raad voor Volksgezondheid & Samenleving")],publisher="RVS",issued=D(2017),URL="https://www.raadrvs.nl/zonder-context")
# personal communication
add(id="pc1",type="personal_communication",title="Gesprek over zelfmanagement",author=[P("Bos","Marieke")],issued=D(2021,5,4))
add(id="pc2",type="personal_communication",title="E-mail over de zorgstandaard",author=[P("Kok","Henk")],issued=D(2022,9,12))
# documents/misc without date, works without author
add(id="doc1",type="document",title="Zorgmodule zelfmanagement 1.0",author=[L("CBO")],issued=D(2014),publisher="Kwaliteitsinstituut voor de Gezondheidszorg")
add(id="doc2",type="document",title="Notitie zelfmanagement",author=[L("Platform Zelfmanagement")])
add(id="noauth-art",type="article-journal",title="Zelfmanagement: het nieuwe normaal?",container_title="Zorgvisie",issued=D(2016),volume="46",issue="7",page="12-13")
add(id="noauth-book",type="book",title="The patient's guide to self-management",issued=D(2012),publisher="Sage")
# more articles for volume: same author different years, three authors, etc
add(id="jansen2014",type="article-journal",title="Zorgcoördinatie in de eerste lijn",container_title="Huisarts en Wetenschap",author=[P("Jansen","Pieter")],issued=D(2014),volume="57",issue="1",page="12-16")
add(id="jansen2016",type="article-journal",title="Zorgcoördinatie herzien",container_title="Huisarts en Wetenschap",author=[P("Jansen","Pieter")],issued=D(2016),volume="59",issue="4",page="150-153")
add(id="deboer2015",type="article-journal",title="Zelfmanagement bij jongeren met astma",container_title="Nederlands Tijdschrift voor Geneeskunde",author=[P("Boer","Daan","de"),P("Mulder","Iris")],issued=D(2015),volume="159",page="A8812")
add(id="vandermeer2013",type="article-journal",title="Ouderen en eigen regie",container_title="Tijdschrift voor Gerontologie en Geriatrie",author=[P("Meer","Eva","van der"),P("Vos","Thomas"),P("Kok","Roos")],issued=D(2013),volume="44",issue="2",page="55-63",DOI="10.1007/s12439-013-0012-3")
add(id="lorig2003",type="article-journal",title="Self-management education: History, definition, outcomes, and mechanisms",container_title="Annals of Behavioral Medicine",author=[P("Lorig","Kate R."),P("Holman","Halsted R.")],issued=D(2003),volume="26",issue="1",page="1-7",DOI="10.1207/S15324796ABM2601_01")
add(id="barlow2002",type="article-journal",title="Self-management approaches for people with chronic conditions: A review",container_title="Patient Education and Counseling",author=[P("Barlow","Julie"),P("Wright","Chris"),P("Sheasby","Janice"),P("Turner","Andy"),P("Hainsworth","Jenny")],issued=D(2002),volume="48",issue="2",page="177-187",DOI="10.1016/S0738-3991(02)00032-0")
add(id="wagner1996",type="article-journal",title="Organizing care for patients with chronic illness",container_title="The Milbank Quarterly",author=[P("Wagner","Edward H."),P("Austin","Brian T."),P("Von Korff","Michael")],issued=D(1996),volume="74",issue="4",page="511-544",DOI="10.2307/3350391")
add(id="huber2011",type="article-journal",title="How should we define health?",container_title="BMJ",author=[P("Huber","Machteld")]+[person(k+5) for k in range(12)],issued=D(2011,7,26),volume="343",page="d4163",DOI="10.1136/bmj.d4163")
add(id="grypdonck2014",type="chapter",title="Zelfmanagement in de chronische zorg",author=[P("Grypdonck","Mieke")],editor=[P("Jong","Aart","de")],container_title="Verpleegkunde in de eerste lijn",publisher="Bohn Stafleu van Loghum",issued=D(2014),page="101-119")
add(id="ouwens2012",type="report",title="Goede zorg vanuit het perspectief van mensen met een chronische ziekte",author=[P("Ouwens","Marielle"),P("Burg","Simone","van der")],publisher="IQ healthcare",publisher_place="Nijmegen",issued=D(2012))
add(id="art16",type="article-journal",title="Zelfmanagement bij kanker",container_title="Oncologica",author=[P("Haan","Julia","de")],issued=D(2023),volume="40",issue="1",page="5-9")
add(id="art17",type="article-journal",title="Mantelzorg en zelfmanagement",container_title="Tijdschrift voor Verpleegkundigen",author=[P("Graaf","Finn","de"),P("Wit","Sem","de")],issued=D(2020),volume="130",issue="6",page="40-44")
add(id="art18",type="article-magazine",title="De patiënt aan het roer",container_title="Skipr",author=[P("Peters","Lotte")],issued=D(2019,2),volume="12",issue="2",page="18-21")
add(id="art19",type="article-newspaper",title="Zorg moet dichter bij huis",container_title="NRC Handelsblad",author=[P("Dekker","Sem")],issued=D(2021,3,6),page="12")
add(id="book11",type="book",title="Samen beslissen",author=[P("Elwyn","Glyn")],issued=D(2017),edition="2",publisher="Oxford University Press",DOI="10.1093/med/9780198723448.001.0001")
add(id="rep11",type="report",title="Monitor zelfmanagement 2022",author=[P("Heijmans","Monique"),P("Rijken","Mieke"),P("Boer","Daan","de")],publisher="Nivel",issued=D(2022),number="2022-04",URL="https://www.nivel.nl/monitor2022")

# more of every type, as a library grows
more_art=[("Zelfmanagement en werk","Tijdschrift voor Bedrijfs- en Verzekeringsgeneeskunde"),("Eigen regie in de revalidatie","Nederlands Tijdschrift voor Revalidatiegeneeskunde"),("Ervaren regie over het eigen leven","Tijdschrift voor Gezondheidswetenschappen"),("Gezondheidsvaardigheden in de huisartsenpraktijk","Huisarts en Wetenschap"),("Ondersteuning van mantelzorgers door de POH","Huisarts en Wetenschap"),("Positieve gezondheid in de wijk","Tijdschrift voor Gezondheidswetenschappen"),("Zelfmanagement bij hartfalen: een pilot","Nederlands Tijdschrift voor Geneeskunde"),("Groepsconsulten bij diabetes","Huisarts en Wetenschap"),("E-health en eigen regie","Tijdschrift voor Verpleegkundigen"),("Samen beslissen bij ouderen","Tijdschrift voor Gerontologie en Geriatrie"),("Leefstijl en zelfmanagement bij COPD","Longziekten"),("Patiëntenparticipatie in onderzoek","Tijdschrift voor Gezondheidswetenschappen")]
people2=[("Willems","Stefan"),("Hoekstra","Marloes"),("Koster","Jeroen"),("Prins","Ilse"),("Huisman","Wouter"),("Postma","Anouk"),("Kuipers","Rik"),("Veenstra","Femke"),("Sanders","Niels"),("Kramer","Linda"),("Bosman","Gert"),("Vermeulen","Hanna"),("Timmermans","Koen"),("Gerritsen","Marit"),("Schouten","Joost")]
def Q(i): f,g=people2[i%len(people2)]; return P(f,g)
for i,(t,j) in enumerate(more_art):
    n=1+i%5
    r=dict(id=f"art{20+i}",type="article-journal",title=t,container_title=j,author=[Q(i+k) for k in range(n)],issued=D(2005+i),volume=str(30+i),issue=str(1+i%6),page=f"{10+i}-{19+i}")
    if i%2==0: r["DOI"]=f"10.1007/s12508-{2005+i}-{100+i}-x"
    if i%3==0: r["URL"]=f"https://link.springer.com/article/10.1007/s12508-{2005+i}"
    add(**r)
more_books=[("Gezondheid als vermogen","Boom"),("Leven met een chronische aandoening","Bohn Stafleu van Loghum"),("Praktijkboek zelfmanagement","Coutinho"),("Verpleegkundige zorg thuis","Van Gorcum"),("Eigen regie in de ouderenzorg","Boom")]
for i,(t,pub) in enumerate(more_books):
    add(id=f"book{20+i}",type="book",title=t,author=[Q(i*2+3+k) for k in range(1+i%3)],issued=D(2008+i*2),publisher=pub,**({"edition":str(2+i%4)} if i%2==0 else {}))
more_chap=[("Zelfmanagement bij kinderen","Kinderverpleegkunde"),("De huisarts als coach","Handboek huisartsgeneeskunde"),("Zorgnetwerken","Integrale zorg")]
for i,(t,b) in enumerate(more_chap):
    add(id=f"chap{20+i}",type="chapter",title=t,author=[Q(i*3+1)],editor=[Q(i*3+7+k) for k in range(1+i)],container_title=b,publisher="Bohn Stafleu van Loghum",issued=D(2013+i),page=f"{50+i*10}-{59+i*10}")
more_rep=[("Nivel","Monitor patiëntenervaringen","Nivel"),("Movisie","Eigen kracht in de wijk","Movisie"),("Trimbos-instituut","Zelfmanagement in de ggz","Trimbos-instituut")]
for i,(a,t,pub) in enumerate(more_rep):
    add(id=f"rep{20+i}",type="report",title=t,author=[Q(i+5),Q(i+6)],publisher=pub,issued=D(2015+i),URL=f"https://www.example.nl/rapport-{i}")
add(id="web20",type="webpage",title="Wat is positieve gezondheid?",author=[L("Institute for Positive Health")],container_title="iPH",issued=D(2022,9,1),URL="https://www.iph.nl/positieve-gezondheid")
add(id="web21",type="webpage",title="Zelfmanagement bij diabetes",author=[L("Diabetesvereniging Nederland")],container_title="dvn.nl",issued=D(2021,2,14),URL="https://www.dvn.nl/zelfmanagement")
add(id="data20",type="dataset",title="Panel zelfmanagement 2018",author=[P("Prins","Ilse")],publisher="DANS",issued=D(2018),DOI="10.17026/dans-2018-abc")
add(id="thesis20",type="thesis",title="Zorg op afstand",author=[P("Kramer","Linda")],genre="Proefschrift",publisher="Erasmus Universiteit Rotterdam",issued=D(2019),URL="https://repub.eur.nl/pub/12345")
add(id="conf20",type="paper-conference",title="Coaching op afstand",author=[P("Kuipers","Rik"),P("Veenstra","Femke")],container_title="Proceedings Zorg & ICT 2020",publisher="Nictiz",page="5-12",issued=D(2020))

add(id="web22",type="webpage",title="Zelfmanagement bij astma",author=[L("Nederlands Huisartsen Genootschap")],container_title="Thuisarts.nl",URL="https://www.thuisarts.nl/astma/zelfmanagement",accessed={"date-parts":[["2024","3","1"]]})
json.dump(R,open(HERE / 'corpus.json','w'),ensure_ascii=False,indent=2)


# ---- the same works as BibTeX

months="jan feb mar apr may jun jul aug sep oct nov dec".split()
T={"article-journal":"article","article-magazine":"article","article-newspaper":"article","book":"book","chapter":"incollection","report":"techreport","webpage":"online","dataset":"dataset","thesis":"phdthesis","paper-conference":"inproceedings","document":"misc","legislation":"legislation","personal_communication":"letter"}
def esc(s):
    s=s.replace('&','\\&').replace('%','\\%')
    for a,b in (('Ö','{\\"O}'),('ö','{\\"o}'),('ü','{\\"u}'),('ë','{\\"e}'),('ï','{\\"i}'),('é',"{\\'e}"),('Ç','{\\c C}'),('ç','{\\c c}')):
        s=s.replace(a,b)
    return s
def name(n):
    if 'literal' in n: return '{'+esc(n['literal'])+'}'
    fam=esc((n.get('non-dropping-particle','')+' '+n['family']).strip())
    return f"{fam}, {esc(n['given'])}" if n.get('given') else fam
out=["% The works of corpus.json as a BibTeX/BibLaTeX file, the way Zotero and JabRef\n% write them: the citation oracle checks that visie prints the same.\n"]
for r in R:
    t=r['type']
    bt=T[t]
    if t=='thesis' and r.get('genre')=='Masterscriptie': bt='mastersthesis'
    f=[]
    def add(k,v): f.append((k,v))
    if 'author' in r: add('author',' and '.join(name(n) for n in r['author']))
    if 'editor' in r: add('editor',' and '.join(name(n) for n in r['editor']))
    add('title',esc(r['title']))
    ct=r.get('container-title')
    if ct:
        if bt=='article': add('journal',esc(ct))
        elif bt in('incollection','inproceedings'): add('booktitle',esc(ct))
        elif bt=='online': add('organization',esc(ct))
        else: add('journaltitle',esc(ct))
    if t=='article-magazine': add('entrysubtype','magazine')
    if t=='article-newspaper': add('entrysubtype','newspaper')
    if 'issued' in r:
        dp=r['issued']['date-parts'][0]
        if len(dp)==1: add('year',str(dp[0]))
        else: add('date','-'.join([str(dp[0])]+[f"{int(x):02d}" for x in dp[1:]]))
    for k,b in (('volume','volume'),('page','pages'),('edition','edition'),('DOI','doi'),('URL','url'),('ISBN','isbn'),('ISSN','issn'),('language','language'),('genre','type'),('version','version'),('publisher-place','address'),('collection-title','series'),('note','note')):
        if k in r:
            v=r[k]
            if k=='page': v=v.replace('-','--')
            add(b,esc(v) if k not in('DOI','URL') else v)
    if 'issue' in r: add('number',r['issue'])
    if 'number' in r: add('number',esc(r['number']))
    if 'publisher' in r:
        key={'techreport':'institution','phdthesis':'school','mastersthesis':'school'}.get(bt,'publisher')
        add(key,esc(r['publisher']))
    if 'accessed' in r: add('urldate','-'.join(f'{int(x):02d}' if i else str(x) for i,x in enumerate(r['accessed']['date-parts'][0])))
    if 'journalAbbreviation' in r: add('shortjournal',r['journalAbbreviation'])
    if 'collection-number' in r: add('number',r['collection-number'])
    body=',\n'.join(f"  {k} = {{{v}}}" for k,v in f)
    out.append(f"@{bt}{{{r['id']},\n{body}\n}}\n")
open(HERE / 'corpus.bib','w').write('\n'.join(out))
