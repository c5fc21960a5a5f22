import glob, random, re, json, xml.etree.ElementTree as ET
random.seed(12)
out = []
# short MedQuAD questions and answer sentences
files = sorted(glob.glob('/work/shared/data/medquad/*/*.xml'))
random.shuffle(files)
qs, ans = [], []
for f in files[:400]:
    try:
        r = ET.parse(f).getroot()
    except Exception:
        continue
    for q in r.iter('Question'):
        if q.text: qs.append(q.text.strip())
    for a in r.iter('Answer'):
        if a.text: ans.append(' '.join(a.text.split()))
out += random.sample(qs, 60)
long_answers = [a for a in ans if len(a) > 2500]
out += random.sample([a[:400] for a in ans if len(a) > 400], 25)
out += random.sample(long_answers, 15)  # > 256 word pieces
# long consumer questions (LiveQA)
lq = []
for f in glob.glob('/work/shared/data/liveqa/train/*.xml'):
    r = ET.parse(f).getroot()
    for m in r.iter('MESSAGE'):
        t = ''.join(m.itertext())
        t = ' '.join(t.split())
        if t: lq.append(t)
out += random.sample(lq, 60)
hand = [
 "", " ", "?", "a", "Hi", "pain", "C5–C6 radiculopathy?", "Is Guillain–Barré syndrome contagious?",
 "Does hyperkalaemia cause peaked T waves on the ECG?", "What is pseudopseudohypoparathyroidism?",
 "floccinaucinihilipilification and pneumonoultramicroscopicsilicovolcanoconiosis",
 "Ehlers–Danlos syndrome with POTS and MCAS — what's the link?", "Can I take ibuprofen 400 mg with warfarin?",
 "my 3yo has a fever of 39.5°C, should I worry??", "HbA1c 7.2% — is that diabetes?", "Œdème aigu du poumon: traitement",
 "Schmerzen im Rücken nach dem Heben", "頭痛がひどい", "我的头很痛", "😷🤒 sick since monday", "TIA vs stroke",
 "ALS/MND life expectancy", "Is it normal to have numbness in the 4th and 5th fingers after leaning on the elbow?",
 "naïve T-cells and café-au-lait spots", "\u200bzero\u200bwidth\u200bspace", "tab\there\nnewline\r\nwindows",
 "ALL CAPS QUESTION ABOUT MIGRAINE AURA", "dx: r/o MS, MRI w/ gad pending, pt c/o paresthesias", "x" * 3000,
 "word " * 400, "Tinnitus " + "buzzing " * 300, "قلبي يؤلمني", "Боль в груди при нагрузке", "\u0000control\u0007chars",
 "acetylsalicylic acid and Reye's syndrome in children", "What are the side effects of methotrexate?",
 "Hemiballismus after subthalamic nucleus infarction", "Charcot–Marie–Tooth disease type 1A PMP22 duplication",
 "Wernicke's encephalopathy thiamine dose", "Takotsubo cardiomyopathy", "Anti-NMDA receptor encephalitis",
 "lumbar puncture opening pressure in IIH", "Brown-Séquard syndrome findings", "cauda equina red flags: saddle anaesthesia",
]
out += hand
print(len(out))
json.dump(out, open('sentences.json','w'), ensure_ascii=False, indent=0)
