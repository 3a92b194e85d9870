package medstream.cleaning.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds IP addresses (IPv4 anywhere, IPv6 after its label), device identifiers and serial numbers after their label
 * (serial number, S/N, UDI, IMEI, device ID, 序列号, 设备编号 ...), and vehicle identifiers: licence plates and VINs
 * after their label, Chinese plates anywhere (province character, letter, five or six letters and digits). Values
 * must hold a digit, so "serial measurements" or "plate count" stay.
 */
final class DeviceDetector implements PiiDetector {

    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                    + "(?![\\d]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?i)\\bIP(?:v6)?(?: address)?\\s*[:#]?\\s*(?<v>[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7})");
    private static final String VALUE = "(?<v>(?=[A-Z0-9-]*\\d)[A-Z0-9][A-Z0-9-/.]{2,30}[A-Z0-9])(?![A-Za-z0-9])";
    private static final Pattern DEVICE = Pattern.compile(
            "(?:\\b(?i:serial(?: number| no\\.?| #)?|S/N|SN|UDI|IMEI|device (?:id|identifier|serial)|implant id"
                    + "|pacemaker (?:id|serial)|generator serial|lead serial)(?![A-Za-z])|序列号|设备编号|器械编号|植入物编号|设备序列号)"
                    + "\\s*(?:[:#：]|is|was)?\\s*(?:#\\s*)?" + VALUE);
    private static final Pattern VEHICLE = Pattern.compile(
            "(?:\\b(?i:licen[cs]e plate(?: number| no\\.?| #)?|plate (?:number|no\\.?|#)|tag number|VIN"
                    + "|vehicle identification number|vehicle id)(?![A-Za-z])|车牌号码|车牌号|车牌)"
                    + "\\s*(?:[:#：]|is|was)?\\s*(?<v>(?=[A-Z0-9 -]*\\d)[A-Z0-9\\u4e00-\\u9fa5][A-Z0-9 ·-]{2,16}[A-Z0-9])"
                    + "(?![A-Za-z0-9])"
                    + "|(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]·?"
                    + "(?=[A-Z0-9]*\\d)[A-Z0-9]{5,6}(?![A-Za-z0-9])");

    private static final List<String> DEVICE_WORDS = List.of("serial", "s/n", "sn", "udi", "imei", "device",
            "implant", "pacemaker", "generator", "lead", "序列号", "设备", "器械", "植入物");
    private static final List<String> VEHICLE_WORDS = List.of("licen", "plate", "tag", "vin", "vehicle", "车牌");
    private static final List<String> IP_WORDS = List.of("ip");
    /** Scanned for by {@link TextScans}, with the other detectors' label words. */
    static final List<List<String>> LABEL_LISTS = List.of(DEVICE_WORDS, VEHICLE_WORDS, IP_WORDS);
    private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    private static final int WINDOW = 80;
    private static final char PROVINCE_MIN = (char) PROVINCES.chars().min().orElseThrow();

    @Override
    public void find(String text, List<PiiMatch> out) {
        if (!DateDetector.hasDigit(text)) {
            return;
        }
        add(new Candidates.Scan(IPV4, text, Candidates.dottedDigitRuns(text), 40), PiiType.IP, false, out);
        TextScans scans = TextScans.of(text);
        add(new Candidates.Scan(DEVICE, text, scans.labels(DEVICE_WORDS), WINDOW), PiiType.DEVICE, true, out);
        add(new Candidates.Scan(VEHICLE, text, Candidates.merge(scans.labels(VEHICLE_WORDS), plates(text)), WINDOW),
                PiiType.VEHICLE, true, out);
        add(new Candidates.Scan(IPV6, text, scans.labels(IP_WORDS), WINDOW), PiiType.IP, true, out);
    }

    /** Where a Chinese plate can start: a province character before a capital letter. */
    private static int[] plates(String text) {
        int[] out = new int[0];
        for (int i = 0; i + 1 < text.length(); i++) {
            // The capital first: it rules out almost every position before the search of the province characters.
            if (text.charAt(i + 1) >= 'A' && text.charAt(i + 1) <= 'Z' && text.charAt(i) >= PROVINCE_MIN
                    && PROVINCES.indexOf(text.charAt(i)) >= 0) {
                out = java.util.Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = i;
            }
        }
        return out;
    }

    /** Adds each match, only its value group "v" where the pattern has one and it took part. */
    private static void add(Candidates.Scan scan, PiiType type, boolean hasValue, List<PiiMatch> out) {
        while (scan.find()) {
            Matcher m = scan.matcher();
            boolean value = hasValue && m.start("v") >= 0;
            out.add(new PiiMatch(type, value ? m.start("v") : m.start(), value ? m.end("v") : m.end()));
        }
    }
}
